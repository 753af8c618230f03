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
    }

    public void Apply(SamplesRendered samples, RunSummary run) => run.LastSamplePath = samples.Path;

    public void Apply(CheckpointSaved checkpoint, RunSummary run)
    {
        run.LastCheckpointPath = checkpoint.Path;
        run.LastCheckpointSha256 = checkpoint.Sha256;
    }

    public void Apply(IEvent<ExperimentCompleted> completed, RunSummary run)
    {
        run.Status = RunStatus.Completed;
        run.EndedAt = completed.Timestamp;
        run.EpochsDone = completed.Data.Epochs;
    }

    public void Apply(IEvent<ExperimentFailed> failed, RunSummary run)
    {
        run.Status = RunStatus.Failed;
        run.EndedAt = failed.Timestamp;
        run.Error = $"{failed.Data.ErrorType}: {failed.Data.Error}";
    }

    public void Apply(IEvent<ExperimentInterrupted> interrupted, RunSummary run)
    {
        run.Status = RunStatus.Interrupted;
        run.EndedAt = interrupted.Timestamp;
        run.Error = interrupted.Data.Reason;
    }

    // Back to running from the checkpoint's epoch. The last-epoch figures are cleared when
    // later epochs were superseded, since they belong to one of those; the best-so-far ones
    // cannot be recomputed from this summary alone and may still hold a superseded epoch's
    // value until a better one comes (RunHistory.Current over the stream gives exact ones).
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

    // NaN (a diverged epoch) must not become the "best" loss, nor hide a later real one.
    private static double? Lowest(double? best, double value) =>
        double.IsNaN(value) ? best : best is null || value < best ? value : best;
}
