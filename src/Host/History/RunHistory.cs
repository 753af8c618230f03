using System.Text.Json;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Store;

namespace DogGan.Host.History;

/// <summary>
/// One run's stream read back in order and sorted into what replay, compare and the report
/// show. Built from the events alone, so it agrees with the summary projection without it.
/// </summary>
internal sealed class RunHistory
{
    private RunHistory(ExperimentStarted started, IReadOnlyList<RecordedEvent> events)
    {
        Started = started;
        Events = events;
    }

    public ExperimentStarted Started { get; }

    /// <summary>
    /// The stream in order, less the epochs a resume went back past (see <see cref="SupersededEpochs"/>).
    /// </summary>
    public IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>Every recorded epoch in stream order, each with what its save also held.</summary>
    public IReadOnlyList<EpochRow> Epochs { get; private set; } = [];

    public IReadOnlyList<AveragerSnapshotTaken> Snapshots { get; private set; } = [];

    public IReadOnlyList<SamplesRendered> Samples { get; private set; } = [];

    public IReadOnlyList<CheckpointSaved> Checkpoints { get; private set; } = [];

    public IReadOnlyList<CheckpointRemoved> RemovedCheckpoints { get; private set; } = [];

    /// <summary>Tags and notes with the time each was recorded.</summary>
    public IReadOnlyList<RecordedEvent> Annotations { get; private set; } = [];

    /// <summary>The completed, failed or interrupted event with its time; null while running.</summary>
    public RecordedEvent? Ending { get; private set; }

    public Guid RunId => Started.RunId;

    public string Name => Started.Name;

    /// <summary>The id's last eight hex digits, to tell runs apart in legends and headings.</summary>
    /// <remarks>Not the first eight: run ids are version-7 Guids, whose leading digits are a
    /// timestamp, so runs started within a minute share them.</remarks>
    public string ShortId => RunId.ToString("N")[^8..];

    /// <summary>completed, failed, interrupted or running, as the summary spells it.</summary>
    public string Status => Ending?.Data switch
    {
        ExperimentCompleted => RunStatus.Completed,
        ExperimentFailed => RunStatus.Failed,
        ExperimentInterrupted => RunStatus.Interrupted,
        _ => RunStatus.Running,
    };

    /// <summary>Why the run failed or stopped, worded as the summary words it; null otherwise.</summary>
    public string? Error => Ending?.Data switch
    {
        ExperimentFailed f => $"{f.ErrorType}: {f.Error}",
        ExperimentInterrupted i => i.Reason,
        _ => null,
    };

    /// <summary>The manifest's description, if it has one (user text: escape it).</summary>
    public string? Description
    {
        get
        {
            try
            {
                using JsonDocument manifest = JsonDocument.Parse(Started.Manifest, new JsonDocumentOptions
                {
                    CommentHandling = JsonCommentHandling.Skip,
                    AllowTrailingCommas = true,
                });
                return manifest.RootElement.ValueKind == JsonValueKind.Object
                    && manifest.RootElement.TryGetProperty("description", out JsonElement text)
                    && text.ValueKind == JsonValueKind.String
                        ? text.GetString()
                        : null;
            }
            catch (JsonException)
            {
                return null; // a stream edited by hand; ManifestDiff compares its text as it is
            }
        }
    }

    /// <summary>Mean real images per second over the recorded epochs; null before the first.</summary>
    public double? ImagesPerSecond => Epochs.Count == 0 ? null : Epochs.Average(e => e.Stats.ImagesPerSecond);

    /// <summary>Sorts a stream; refuses one that does not begin a run or that a newer host wrote.</summary>
    public static RunHistory From(Guid runId, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events[0].Data is not ExperimentStarted started)
        {
            throw new StoreException(
                $"stream {runId} does not start with ExperimentStarted, so it is not a DogGan run; "
                + "'host runs' lists the runs");
        }
        RunStore.CheckFormat(started.RunId, started.Name, started.FormatVersion);
        var history = new RunHistory(started, SupersededEpochs.Current(events));
        history.Sort();
        return history;
    }

    private void Sort()
    {
        var rows = new List<(long Version, EpochCompleted Stats)>();
        var snapshots = new List<AveragerSnapshotTaken>();
        var samples = new List<(long Version, SamplesRendered Event)>();
        var checkpoints = new List<(long Version, CheckpointSaved Event)>();
        var removed = new List<CheckpointRemoved>();
        var annotations = new List<RecordedEvent>();
        foreach (RecordedEvent recorded in Events)
        {
            switch (recorded.Data)
            {
                case EpochCompleted epoch:
                    rows.Add((recorded.Version, epoch));
                    break;
                case AveragerSnapshotTaken snapshot:
                    snapshots.Add(snapshot);
                    break;
                case SamplesRendered grid:
                    samples.Add((recorded.Version, grid));
                    break;
                case CheckpointSaved checkpoint:
                    checkpoints.Add((recorded.Version, checkpoint));
                    break;
                case CheckpointRemoved gone:
                    removed.Add(gone);
                    break;
                case RunTagged or RunNoteAdded:
                    annotations.Add(recorded);
                    break;
                case ExperimentCompleted or ExperimentFailed or ExperimentInterrupted:
                    Ending = recorded;
                    break;
                case ExperimentResumed:
                    // The run is going again: an earlier stop or failure no longer ends it.
                    Ending = null;
                    break;
                default:
                    break;
            }
        }

        // An epoch's samples and checkpoint are saved in the same transaction as its figures,
        // but in handler order, which may put them before or after the EpochCompleted. So each
        // is matched to the row of its epoch that lies nearest in the stream (a resumed run may
        // repeat an epoch number, never within one save).
        var rowsByEpoch = rows.Select((row, index) => (row.Stats.Epoch, row.Version, Index: index))
            .ToLookup(r => r.Epoch);
        bool[] hasSamples = new bool[rows.Count];
        bool[] hasCheckpoint = new bool[rows.Count];
        foreach ((long version, SamplesRendered grid) in samples)
        {
            if (Nearest(rowsByEpoch[grid.Epoch], version) is { } index)
            {
                hasSamples[index] = true;
            }
        }
        foreach ((long version, CheckpointSaved checkpoint) in checkpoints)
        {
            if (Nearest(rowsByEpoch[checkpoint.Epoch], version) is { } index)
            {
                hasCheckpoint[index] = true;
            }
        }

        Epochs = rows.Select((row, i) => new EpochRow(row.Stats, hasCheckpoint[i], hasSamples[i])).ToList();
        Snapshots = snapshots;
        Samples = samples.Select(s => s.Event).ToList();
        Checkpoints = checkpoints.Select(c => c.Event).ToList();
        RemovedCheckpoints = removed;
        Annotations = annotations;
    }

    private static int? Nearest(IEnumerable<(int Epoch, long Version, int Index)> candidates, long version)
    {
        int? best = null;
        long distance = long.MaxValue;
        foreach ((_, long rowVersion, int index) in candidates)
        {
            long d = Math.Abs(rowVersion - version);
            if (d < distance)
            {
                (best, distance) = (index, d);
            }
        }
        return best;
    }
}
