namespace DogGan.Contracts.Events;

/// <summary>
/// A stopped, failed or crashed run continues from a checkpoint, in the same stream. Training
/// restarts after <paramref name="FromEpoch"/>: any epoch above it recorded earlier in the
/// stream (a run that checkpoints every N epochs and stopped between two checkpoints) is
/// superseded by this event, and a reader of the history ignores every per-epoch event
/// (figures, averager snapshot, samples) for those epochs that precedes it, so each epoch
/// counts exactly once.
/// </summary>
/// <param name="FromEpoch">The checkpoint's epoch: the last one kept; training goes on from the next.</param>
/// <param name="CheckpointPath">The checkpoint, relative to the run folder.</param>
/// <param name="Sha256">Its lower-case hex SHA-256, checked against its saved event before loading.</param>
/// <param name="DiscardedEpochs">Epochs recorded after <paramref name="FromEpoch"/> that this event
/// supersedes (0 when the checkpoint was the last recorded epoch).</param>
/// <param name="Epochs">Epochs planned now (the resume may raise the plan).</param>
/// <param name="Threads">The intra-op thread count, the one the run started with.</param>
/// <param name="HostVersion">The resuming host's informational version.</param>
/// <param name="ResumedAt">Wall-clock time of the resume.</param>
public sealed record ExperimentResumed(
    int FromEpoch,
    string CheckpointPath,
    string Sha256,
    int DiscardedEpochs,
    int Epochs,
    int Threads,
    string HostVersion,
    DateTimeOffset ResumedAt);
