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
internal sealed record RunOutcome(Guid RunId, string Status, int Epochs, string RunFolder);
