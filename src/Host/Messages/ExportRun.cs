using Mediator;

namespace DogGan.Host.Messages;

/// <summary>Write a run's averaged generator, from its last checkpoint, in a format other tools read.</summary>
internal sealed record ExportRun(
    string Run,
    string Format,
    string OutputPath,
    IReadOnlyList<string> PluginFolders,
    string? Store,
    string? Schema = null) : ICommand<ExportOutcome>;

/// <summary>What was exported: the file, the checkpoint's epoch and the tensors written.</summary>
internal sealed record ExportOutcome(Guid RunId, string Path, int Epoch, IReadOnlyList<string> Tensors);
