using DogGan.Contracts.Events;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DogGan.Host.Store;

/// <summary>Folds a run's events into its <see cref="RunSummary"/>; registered inline.</summary>
internal sealed class RunSummaryProjection : SingleStreamProjection<RunSummary, Guid>
{
    public RunSummary Create(ExperimentStarted started) => new()
    {
        Id = started.RunId,
        Name = started.Name,
        Status = RunStatus.Running,
        StartedAt = started.StartedAt,
        EpochsPlanned = started.Epochs,
        Seed = started.Seed,
        Device = started.Device,
        RunFolder = started.RunFolder,
        Plugins = started.Plugins.Select(p => $"{p.Role}={p.Name}").ToList(),
        PluginDetails = [.. started.Plugins],
        FormatVersion = started.FormatVersion,
        HostVersion = started.HostVersion,
        ManifestPath = started.ManifestPath,
        Manifest = started.Manifest,
        Overrides = [.. started.Overrides],
    };

    public void Apply(EpochCompleted epoch, RunSummary run)
    {
        run.EpochsDone = Math.Max(run.EpochsDone, epoch.Epoch);
        run.LastDiscriminatorLoss = epoch.DiscriminatorLoss;
        run.LastGeneratorLoss = epoch.GeneratorLoss;
        run.LastRealScore = epoch.RealScore;
        run.LastFakeScore = epoch.FakeScore;
        run.BestGeneratorLoss = Lowest(run.BestGeneratorLoss, epoch.GeneratorLoss);
        run.BestDiscriminatorLoss = Lowest(run.BestDiscriminatorLoss, epoch.DiscriminatorLoss);
        if (double.IsFinite(epoch.ImagesPerSecond) && double.IsFinite(epoch.WallSeconds))
        {
            run.ImagesTrained += epoch.ImagesPerSecond * epoch.WallSeconds;
            run.TrainingSeconds += epoch.WallSeconds;
            run.ImagesPerSecond = run.TrainingSeconds > 0 ? run.ImagesTrained / run.TrainingSeconds : null;
        }
    }

    public void Apply(SamplesRendered samples, RunSummary run)
    {
        run.LastSamplePath = samples.Path;
        run.Samples.Add(new RunSample(samples.Epoch, samples.Path, samples.Sha256));
    }

    public void Apply(CheckpointSaved checkpoint, RunSummary run)
    {
        run.LastCheckpointPath = checkpoint.Path;
        run.LastCheckpointSha256 = checkpoint.Sha256;
        run.Checkpoints.Add(new RunCheckpoint(checkpoint.Epoch, checkpoint.Path, checkpoint.Sha256,
            checkpoint.Bytes, Removed: false));
    }

    public void Apply(CheckpointRemoved removed, RunSummary run)
    {
        int index = run.Checkpoints.FindLastIndex(c => c.Path == removed.Path && !c.Removed);
        if (index >= 0)
        {
            run.Checkpoints[index] = run.Checkpoints[index] with { Removed = true };
        }
    }

    // Keyed by extractor: a proxy's FID and Inception's are different quantities, and compare
    // shows each key as a column of its own. Scores with the same name but other options (another
    // hash) share a key; the stream's events keep the hash for telling them apart.
    public void Apply(MetricRecorded metric, RunSummary run)
    {
        run.Metrics[$"FID ({metric.Extractor})"] = metric.Fid;
        run.Metrics[$"MiFID ({metric.Extractor})"] = metric.Mifid;
        run.Metrics[$"distance ({metric.Extractor})"] = metric.Distance;
    }

    public void Apply(RunTagged tagged, RunSummary run)
    {
        if (!run.Tags.Contains(tagged.Tag))
        {
            run.Tags.Add(tagged.Tag);
        }
    }

    public void Apply(RunNoteAdded note, RunSummary run) => run.Notes.Add(note.Text);

    public void Apply(IEvent<ExperimentCompleted> completed, RunSummary run)
    {
        run.Status = RunStatus.Completed;
        run.EndedAt = StoredPrecision(completed.Timestamp);
        run.EpochsDone = completed.Data.Epochs;
    }

    public void Apply(IEvent<ExperimentFailed> failed, RunSummary run)
    {
        run.Status = RunStatus.Failed;
        run.EndedAt = StoredPrecision(failed.Timestamp);
        run.Error = $"{failed.Data.ErrorType}: {failed.Data.Error}";
    }

    public void Apply(IEvent<ExperimentInterrupted> interrupted, RunSummary run)
    {
        run.Status = RunStatus.Interrupted;
        run.EndedAt = StoredPrecision(interrupted.Timestamp);
        run.Error = interrupted.Data.Reason;
    }

    // Back to running from the checkpoint's epoch. The last-epoch figures are cleared when
    // later epochs were superseded, since they belong to one of those; the best-so-far ones
    // cannot be recomputed from this summary alone and may still hold a superseded epoch's
    // value until a better one comes (SupersededEpochs.Current over the stream gives exact ones).
    public void Apply(ExperimentResumed resumed, RunSummary run)
    {
        run.Status = RunStatus.Running;
        run.EndedAt = null;
        run.Error = null;
        run.EpochsDone = resumed.FromEpoch;
        run.EpochsPlanned = resumed.Epochs;
        if (resumed.DiscardedEpochs > 0)
        {
            run.LastDiscriminatorLoss = null;
            run.LastGeneratorLoss = null;
            run.LastRealScore = null;
            run.LastFakeScore = null;
        }
    }

    // At append time an inline projection sees the event's timestamp as .NET made it (100 ns
    // ticks); PostgreSQL keeps microseconds, which is what a rebuild reads back. Cutting to
    // microseconds here makes a rebuilt summary equal the live one.
    private static DateTimeOffset StoredPrecision(DateTimeOffset time) =>
        time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    // NaN (a diverged epoch) must not become the "best" loss, nor hide a later real one.
    private static double? Lowest(double? best, double value) =>
        double.IsNaN(value) ? best : best is null || value < best ? value : best;
}
