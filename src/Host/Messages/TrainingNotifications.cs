using DogGan.Contracts.Events;
using DogGan.Host.Training;
using Mediator;
using TorchSharp;

namespace DogGan.Host.Messages;

/// <summary>
/// Published by the trainer as a run moves on. Handlers: the event recorder (turns them into
/// stream events), the console progress display, and the sample renderer. Each handler only
/// queues or shows; the trainer decides when a batch of events becomes durable (once per
/// epoch), so no handler order is relied on.
/// </summary>
/// <summary>An epoch begins; <see cref="Batches"/> is the progress bar's length.</summary>
internal sealed record EpochStarting(TrainingRun Run, int Epoch, int Batches) : INotification;

/// <summary>One batch done; carries the running means for the progress bar's description.</summary>
internal sealed record BatchCompleted(
    TrainingRun Run, int Epoch, int Batch, double DiscriminatorLoss, double GeneratorLoss)
    : INotification;

/// <summary>
/// An epoch ended. <see cref="Samples"/> (uint8, N x 3 x 64 x 64, on the CPU, owned by the
/// trainer and disposed after publishing) is present when samples were due this epoch, and
/// <see cref="Metric"/> when the manifest's scoring was.
/// </summary>
internal sealed record EpochEnded(
    TrainingRun Run,
    EpochCompleted Stats,
    AveragerSnapshotTaken Snapshot,
    torch.Tensor? Samples,
    int SampleGrid,
    CheckpointSaved? Checkpoint,
    IReadOnlyList<CheckpointRemoved> Removed,
    MetricRecorded? Metric = null) : INotification;

/// <summary>The run ended one way or another; <see cref="Event"/> is its last stream event.</summary>
internal sealed record RunEnded(TrainingRun Run, object Event) : INotification;
