using System.Globalization;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host runs</c>: the recorded experiments, newest first.</summary>
internal sealed class RunsCommand(IAnsiConsole console) : AsyncCommand<HostSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, HostSettings settings, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(settings.Store),
            cancellationToken: cancellationToken);
        IReadOnlyList<RunSummary> runs = await store.ListRunsAsync(cancellationToken);
        var table = new Table().AddColumns("Id", "Name", "Status", "Epochs", "Last D loss", "Last G loss", "Started");
        foreach (RunSummary run in runs)
        {
            table.AddRow(run.Id.ToString(), Markup.Escape(run.Name), run.Status,
                $"{run.EpochsDone}/{run.EpochsPlanned}", Number(run.LastDiscriminatorLoss),
                Number(run.LastGeneratorLoss),
                run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape($"{runs.Count} run(s) in {store.Description}"));
        return 0;
    }

    private static string Number(double? value) =>
        value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
