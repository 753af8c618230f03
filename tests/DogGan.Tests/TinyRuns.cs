using DogGan.Host;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DogGan.Tests;

/// <summary>
/// Tiny real runs for the tests that train: the manifest written into the test's folder, and
/// the host's commands sent in-process through its own DI container, as <c>host</c> sends them.
/// </summary>
internal sealed class TinyRuns(string connectionString, string schema, TempFolder folder)
{
    public string Runs => folder.Combine("runs");

    public string Cache => folder.Combine("cache");

    /// <summary>Writes the manifest as FILE.json (default: its name) in the folder; returns its path.</summary>
    public string WriteManifest(TinyManifest manifest, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string path = folder.Combine($"{file ?? manifest.Name}.json");
        File.WriteAllText(path, manifest.Json());
        return path;
    }

    /// <summary><c>host run</c>; what it prints goes to <paramref name="output"/> when given.</summary>
    public Task<RunOutcome> RunAsync(string manifest, ManifestOverrides? overrides = null, TextWriter? output = null) =>
        SendAsync(new RunExperiment(manifest, overrides ?? ManifestOverrides.None, Runs, [], connectionString,
            Cache, schema), output);

    public Task<RunOutcome> ResumeAsync(Guid runId, int? epochs = null) =>
        SendAsync(new ResumeExperiment(runId.ToString(), epochs, [], connectionString, Cache, schema), null);

    public Task<ExportOutcome> ExportAsync(Guid runId, string output) =>
        SendAsync(new ExportRun(runId.ToString(), "pytorch", output, [], connectionString, schema), null);

    /// <summary>A plain console (no colour, no prompts) that writes into <paramref name="output"/>.</summary>
    public static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    private static async Task<T> SendAsync<T>(ICommand<T> command, TextWriter? output)
    {
        IServiceCollection services = HostServices.Create(Console(output ?? new StringWriter()), LogLevel.Warning,
            logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMediator>().Send(command);
    }
}
