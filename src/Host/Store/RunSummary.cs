using DogGan.Contracts.Events;

namespace DogGan.Host.Store;

/// <summary>
/// One run at a glance, kept up to date by <see cref="RunSummaryProjection"/> in the same
/// transaction as each save of the run's events. Its id is the run's stream id.
/// </summary>
/// <remarks>
/// These documents are also the cross-run view: <c>host runs</c> and <c>host compare</c> filter
/// them by name, status, start and tag in one query, so no second projection has to be kept in
/// step with this one. The price is size: the samples and checkpoints lists grow by an entry an
/// epoch and the whole document is rewritten at each save (about 100 bytes an entry, so some
/// 60 KB after 620 epochs); a run of many thousands of epochs would want them in a document of
/// their own.
/// </remarks>
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

    /// <summary>The plugins with their assembly versions and options in force.</summary>
    public List<ResolvedPlugin> PluginDetails { get; set; } = [];

    /// <summary>The event format the run was recorded in (<see cref="ExperimentStarted.FormatVersion"/>).</summary>
    public int FormatVersion { get; set; }

    public string HostVersion { get; set; } = "";

    public string ManifestPath { get; set; } = "";

    /// <summary>The manifest as given (JSON text), before <see cref="Overrides"/>.</summary>
    public string Manifest { get; set; } = "";

    /// <summary>Command-line overrides, e.g. <c>epochs=1</c>.</summary>
    public List<string> Overrides { get; set; } = [];

    /// <summary>Real images trained over all epochs (each epoch's images/s times its wall time).</summary>
    public double ImagesTrained { get; set; }

    /// <summary>Wall seconds over all epochs.</summary>
    public double TrainingSeconds { get; set; }

    /// <summary>Images per second over the whole run; null before the first epoch.</summary>
    public double? ImagesPerSecond { get; set; }

    /// <summary>Every sample grid, oldest first.</summary>
    public List<RunSample> Samples { get; set; } = [];

    /// <summary>Every checkpoint written, oldest first, with those since removed marked.</summary>
    public List<RunCheckpoint> Checkpoints { get; set; } = [];

    /// <summary>The run's tags, each once, in the order given.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The run's notes, oldest first.</summary>
    public List<string> Notes { get; set; } = [];

    /// <summary>
    /// The latest value of each evaluation metric, from <see cref="MetricRecorded"/>:
    /// <c>FID (extractor)</c>, <c>MiFID (extractor)</c> and <c>distance (extractor)</c>. Compare
    /// shows every key that any run has. A resume that supersedes epochs keeps the values of a
    /// superseded score until the next score replaces them (the stream has the exact history).
    /// </summary>
    public Dictionary<string, double> Metrics { get; set; } = [];

    /// <summary>The stream version this summary reflects (Marten sets it).</summary>
    public long Version { get; set; }
}
