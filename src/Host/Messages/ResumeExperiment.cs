using Mediator;

namespace DogGan.Host.Messages;

/// <summary>
/// Continue a recorded run from its last checkpoint, in the same stream and run folder.
/// <see cref="Epochs"/>, when given, replaces the planned epoch count (it may raise it).
/// </summary>
internal sealed record ResumeExperiment(
    string Run,
    int? Epochs,
    IReadOnlyList<string> PluginFolders,
    string? Store,
    string? CacheRoot = null,
    string? Schema = null) : ICommand<RunOutcome>;
