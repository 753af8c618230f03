namespace DogGan.Host.Store;

/// <summary>
/// One run at a glance, kept up to date by <see cref="RunSummaryProjection"/> in the same
/// transaction as each save of the run's events. Its id is the run's stream id.
/// </summary>
internal sealed class RunSummary
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="RunStatus"/>'s values.</summary>
    public string Status { get; set; } = RunStatus.Running;

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the completed, failed or interrupted event was recorded.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public int EpochsPlanned { get; set; }

    public int EpochsDone { get; set; }

    public double? LastDiscriminatorLoss { get; set; }

    public double? LastGeneratorLoss { get; set; }

    /// <summary>The last epoch's mean D(x).</summary>
    public double? LastRealScore { get; set; }

    /// <summary>The last epoch's mean D(G(z)).</summary>
    public double? LastFakeScore { get; set; }

    /// <summary>The lowest epoch-mean G loss so far.</summary>
    public double? BestGeneratorLoss { get; set; }

    /// <summary>The lowest epoch-mean D loss so far.</summary>
    public double? BestDiscriminatorLoss { get; set; }

    /// <summary>The newest sample grid, relative to <see cref="RunFolder"/>.</summary>
    public string? LastSamplePath { get; set; }

    /// <summary>The newest checkpoint, relative to <see cref="RunFolder"/>.</summary>
    public string? LastCheckpointPath { get; set; }

    public string? LastCheckpointSha256 { get; set; }

    /// <summary>"ErrorType: message" of a failed run, or the reason an interrupted one stopped.</summary>
    public string? Error { get; set; }

    public long Seed { get; set; }

    public string Device { get; set; } = "";

    public string RunFolder { get; set; } = "";

    /// <summary>"role=name" for each plugin composed into the run.</summary>
    public List<string> Plugins { get; set; } = [];

    /// <summary>The stream version this summary reflects (Marten sets it).</summary>
    public long Version { get; set; }
}
