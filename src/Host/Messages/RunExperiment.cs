using DogGan.Host.Manifests;
using Mediator;

namespace DogGan.Host.Messages;

/// <summary>Train the experiment a manifest describes and record it.</summary>
internal sealed record RunExperiment(
    string ManifestPath,
    ManifestOverrides Overrides,
    string OutputRoot,
    IReadOnlyList<string> PluginFolders,
    string? Store,
    string? CacheRoot = null,
    string? Schema = null) : ICommand<RunOutcome>;

/// <summary>How a run ended, for the exit code and the last console line.</summary>
internal sealed record RunOutcome(Guid RunId, string Status, int Epochs, string RunFolder)
{
    /// <summary>0 completed, 130 interrupted (as a shell reports Ctrl-C), 1 failed.</summary>
    public int ExitCode => Status switch
    {
        Store.RunStatus.Completed => 0,
        Store.RunStatus.Interrupted => 130,
        _ => 1,
    };

    /// <summary>The last line <c>host run</c> and <c>host resume</c> print.</summary>
    public string Summary => $"run {RunId} {Status} after {Epochs} epoch(s); files in {RunFolder}";
}
