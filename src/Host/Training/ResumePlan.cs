using DogGan.Contracts.Events;
using DogGan.Host.Store;

namespace DogGan.Host.Training;

/// <summary>
/// What a run's stream says about resuming it: how it started, the checkpoint to go on from,
/// the checkpoints still on disk, and how many recorded epochs lie past that checkpoint.
/// </summary>
internal sealed record ResumePlan(
    ExperimentStarted Started,
    CheckpointSaved Checkpoint,
    IReadOnlyList<(int Epoch, string Path)> LiveCheckpoints,
    int LastRecordedEpoch,
    int PlannedEpochs,
    object? LastEnd)
{
    /// <summary>Recorded epochs after the checkpoint, which the resume supersedes.</summary>
    public int DiscardedEpochs => Math.Max(0, LastRecordedEpoch - Checkpoint.Epoch);

    /// <summary>
    /// Reads the plan from the stream, or throws a one-line error when the run cannot be
    /// resumed: it completed every planned epoch (and <paramref name="epochs"/> does not raise
    /// the plan), or it recorded no checkpoint.
    /// </summary>
    public static ResumePlan From(Guid runId, IReadOnlyList<RecordedEvent> stream, int? epochs)
    {
        ResumePlan plan = Read(runId, stream);
        int target = epochs ?? plan.PlannedEpochs;
        if (plan.LastEnd is ExperimentCompleted { StoppedByTimeLimit: false } && target <= plan.LastRecordedEpoch)
        {
            throw new CheckpointException(
                $"run {runId} completed all its {plan.LastRecordedEpoch} epochs, so there is nothing to resume; "
                + $"pass --epochs N with N above {plan.LastRecordedEpoch} to train it further, or start a new run");
        }

        if (target <= plan.Checkpoint.Epoch)
        {
            throw new CheckpointException(
                $"--epochs {target} is not above epoch {plan.Checkpoint.Epoch}, where run {runId}'s last "
                + "checkpoint is; give a larger --epochs");
        }

        return plan with { PlannedEpochs = target };
    }

    /// <summary>The stream's state, whatever it ended with; throws when it has no checkpoint.</summary>
    public static ResumePlan Read(Guid runId, IReadOnlyList<RecordedEvent> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        IReadOnlyList<RecordedEvent> current = SupersededEpochs.Current(stream);
        var started = (ExperimentStarted)current[0].Data;
        var live = new List<CheckpointSaved>();
        int lastEpoch = 0;
        int planned = started.Epochs;
        object? lastEnd = null;
        foreach (object data in current.Select(e => e.Data))
        {
            switch (data)
            {
                case EpochCompleted e:
                    lastEpoch = Math.Max(lastEpoch, e.Epoch);
                    break;
                case CheckpointSaved c:
                    live.RemoveAll(l => l.Path == c.Path);
                    live.Add(c);
                    break;
                case CheckpointRemoved r:
                    live.RemoveAll(l => l.Path == r.Path);
                    break;
                case ExperimentResumed r:
                    planned = r.Epochs;
                    lastEnd = null;
                    break;
                case ExperimentCompleted or ExperimentFailed or ExperimentInterrupted:
                    lastEnd = data;
                    break;
            }
        }

        CheckpointSaved checkpoint = live.MaxBy(c => c.Epoch)
            ?? throw new CheckpointException(
                $"run {runId} recorded no checkpoint (it stopped after epoch {lastEpoch}, before its first); "
                + "start it again with host run");
        return new ResumePlan(started, checkpoint,
            live.OrderBy(c => c.Epoch).Select(c => (c.Epoch, c.Path)).ToList(), lastEpoch, planned, lastEnd);
    }
}
