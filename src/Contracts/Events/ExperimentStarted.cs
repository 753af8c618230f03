namespace DogGan.Contracts.Events;

/// <summary>First event of every run stream: everything needed to understand or repeat the run.</summary>
/// <param name="RunId">The stream id.</param>
/// <param name="Name">The manifest's name.</param>
/// <param name="ManifestPath">The manifest file as given on the command line.</param>
/// <param name="Manifest">The manifest as given (JSON text), before overrides.</param>
/// <param name="Overrides">Command-line overrides applied on top, e.g. <c>epochs=1</c>.</param>
/// <param name="Plugins">The plugins resolved for each role, with assembly versions and options.</param>
/// <param name="Seed">The seed in force.</param>
/// <param name="SeedDrawn">True when the manifest had no seed and the host drew one.</param>
/// <param name="Data">What the data folder gave, and what it skipped and why.</param>
/// <param name="Device">The compute device, e.g. <c>cpu</c>.</param>
/// <param name="Threads">The intra-op thread count.</param>
/// <param name="HostVersion">The host's informational version.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="TimeLimitSeconds">The wall-clock limit, when set.</param>
/// <param name="RunFolder">Where samples and checkpoints go.</param>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="FormatVersion">The version of the stream's event format, so a host can refuse a
/// run written by a newer one instead of misreading it. Streams recorded before this field existed
/// read as 1. See <see cref="CurrentFormatVersion"/>.</param>
public sealed record ExperimentStarted(
    Guid RunId,
    string Name,
    string ManifestPath,
    string Manifest,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<ResolvedPlugin> Plugins,
    long Seed,
    bool SeedDrawn,
    DataSummary Data,
    string Device,
    int Threads,
    string HostVersion,
    int Epochs,
    double? TimeLimitSeconds,
    string RunFolder,
    DateTimeOffset StartedAt,
    int FormatVersion = ExperimentStarted.CurrentFormatVersion)
{
    /// <summary>
    /// The event format this build writes and reads. Raise it when a change to any run event
    /// means an older host would misread the stream (a renamed or re-meant field, not an added
    /// optional one).
    /// </summary>
    public const int CurrentFormatVersion = 1;
}

/// <summary>A plugin as composed into a run.</summary>
/// <param name="Role">The manifest key it fills: crops, loss, averager, architecture.</param>
/// <param name="Name">The plugin's name.</param>
/// <param name="Assembly">The assembly's simple name.</param>
/// <param name="AssemblyVersion">The assembly's informational version.</param>
/// <param name="Options">The options in force (defaults included), as JSON text.</param>
public sealed record ResolvedPlugin(string Role, string Name, string Assembly, string AssemblyVersion, string Options);

/// <summary>What a data folder gave a run.</summary>
/// <param name="Folder">The data folder (Kaggle layout).</param>
/// <param name="ImageFiles">Files found under all-dogs/.</param>
/// <param name="Images">Images that gave at least one crop.</param>
/// <param name="Annotations">Annotation files read.</param>
/// <param name="Boxes">Bounding boxes usable after clamping.</param>
/// <param name="Crops">Crops prepared.</param>
/// <param name="Skipped">Every skipped file or box, counted by reason.</param>
/// <param name="CacheKey">Identifies the crop cache entry that was used or written.</param>
/// <param name="FromCache">True when the crops came from the cache.</param>
public sealed record DataSummary(
    string Folder,
    int ImageFiles,
    int Images,
    int Annotations,
    int Boxes,
    int Crops,
    IReadOnlyList<SkipCount> Skipped,
    string CacheKey,
    bool FromCache)
{
    /// <summary>Total skipped items over all reasons.</summary>
    public int SkippedTotal => Skipped.Sum(s => s.Count);
}

/// <summary>How many items were skipped for one reason, with a few examples.</summary>
/// <param name="Reason">Why, in a few words (e.g. "box empty after clamping").</param>
/// <param name="Count">How many.</param>
/// <param name="Examples">Up to five file names, for finding them.</param>
public sealed record SkipCount(string Reason, int Count, IReadOnlyList<string> Examples);
