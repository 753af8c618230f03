using DogGan.Host.Plugins;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host plugins</c>: every discovered plugin, and every file that gave none.</summary>
internal sealed class PluginsCommand(IAnsiConsole console, ILoggerFactory loggers) : Command<HostSettings>
{
    public override int Execute(CommandContext context, HostSettings settings, CancellationToken cancellationToken)
    {
        PluginCatalog catalog = PluginCatalog.Load(PluginCatalog.DefaultFolders(settings.PluginFolders),
            loggers.CreateLogger<PluginCatalog>());
        var table = new Table().AddColumns("Kind", "Name", "Description", "Options (default)", "Assembly");
        foreach (PluginDescriptor plugin in catalog.All)
        {
            string options = plugin.Options.Count == 0
                ? "-"
                : string.Join("\n", plugin.Options.Select(o => $"{o.Name} = {o.DefaultJson}"));
            table.AddRow(Markup.Escape(PluginCatalog.KindLabel(plugin.Kind)), Markup.Escape(plugin.Name),
                Markup.Escape(plugin.Description), Markup.Escape(options),
                Markup.Escape($"{plugin.AssemblyName} {ShortVersion(plugin.AssemblyVersion)}\n{plugin.AssemblyPath}"));
        }

        console.Write(table);
        foreach (PluginLoadProblem problem in catalog.Problems)
        {
            console.MarkupLine($"[yellow]skipped[/] {Markup.Escape(problem.Path)}: {Markup.Escape(problem.Reason)}");
        }

        console.MarkupLine(Markup.Escape(
            $"{catalog.All.Count()} plugins from {string.Join(", ", catalog.Folders)}; "
            + $"{catalog.Problems.Count} files skipped"));
        return 0;
    }

    // "0.1.0+<40-hex commit>" is unreadable in a table; eight hex digits identify the commit.
    private static string ShortVersion(string version) =>
        version.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 && version.Length > plus + 9
            ? version[..(plus + 9)]
            : version;
}
