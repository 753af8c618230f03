using DogGan.Contracts.Events;

namespace DogGan.Host.Store;

/// <summary>
/// A run's history as it stands: the stream with what a resume superseded left out. When a
/// run resumes from the checkpoint of epoch k while epochs after k were already recorded,
/// <see cref="ExperimentResumed"/> supersedes them, and every reader that lists epochs
/// (replay, plots, scoring) should read <see cref="Current"/> rather than the raw stream, so
/// that each epoch appears exactly once. The raw stream keeps them, as history should.
/// </summary>
internal static class SupersededEpochs
{
    /// <summary>
    /// The events in stream order, without the per-epoch events (figures, averager snapshots,
    /// sample grids, checkpoints) of epochs that a later resume went back past.
    /// </summary>
    public static IReadOnlyList<RecordedEvent> Current(IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var kept = new List<RecordedEvent>(events.Count);
        foreach (RecordedEvent recorded in events)
        {
            if (recorded.Data is ExperimentResumed resumed)
            {
                kept.RemoveAll(e => EpochOf(e.Data) > resumed.FromEpoch);
            }

            kept.Add(recorded);
        }

        return kept;
    }

    /// <summary>The epoch a per-epoch event belongs to; null for the run's other events.</summary>
    public static int? EpochOf(object data) => data switch
    {
        EpochCompleted e => e.Epoch,
        AveragerSnapshotTaken e => e.Epoch,
        SamplesRendered e => e.Epoch,
        CheckpointSaved e => e.Epoch,
        _ => null,
    };
}
