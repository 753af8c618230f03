using DogGan.Host.Messages;
using Mediator;

namespace DogGan.Host.Handlers;

/// <summary>
/// Turns training notifications into events on the run's stream. It only queues: the trainer
/// saves once per epoch (one SaveChanges, a few milliseconds), and the run's start and end are
/// saved as soon as they happen, so a crash loses at most the epoch in progress.
/// </summary>
internal sealed class EventRecorder : INotificationHandler<EpochEnded>, INotificationHandler<RunEnded>
{
    public ValueTask Handle(EpochEnded notification, CancellationToken cancellationToken)
    {
        var recorder = notification.Run.Recorder;
        recorder.Append(notification.Stats);
        recorder.Append(notification.Snapshot);
        if (notification.Checkpoint is { } checkpoint)
        {
            recorder.Append(checkpoint);
        }

        foreach (var removed in notification.Removed)
        {
            recorder.Append(removed);
        }

        if (notification.Metric is { } metric)
        {
            recorder.Append(metric);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask Handle(RunEnded notification, CancellationToken cancellationToken)
    {
        notification.Run.Recorder.Append(notification.Event);
        // The end of a run is saved even when the run was cancelled: that is the point of it.
        await notification.Run.Recorder.SaveAsync(CancellationToken.None);
    }
}
