using Mediator;

namespace DogGan.Host.Scoring;

/// <summary>Score a folder or zip of 64x64 PNGs against a data folder's training images.</summary>
/// <param name="Images">The folder or zip.</param>
/// <param name="DataFolder">The Kaggle-layout data folder.</param>
/// <param name="Features">The feature extractor plugin's name.</param>
/// <param name="FeatureOptions">The extractor's options as <c>key=value</c>.</param>
/// <param name="Run">When set, the run whose stream gets a <c>MetricRecorded</c> event.</param>
/// <param name="PluginFolders">Extra plugin folders.</param>
/// <param name="Store">The store's connection string, if given.</param>
/// <param name="Schema">The store's schema, if given.</param>
/// <param name="CacheRoot">Root of the crop and feature caches; default the host's.</param>
/// <param name="MaxRealImages">Use only the first N training images (small trials and tests).</param>
internal sealed record ScoreImages(
    string Images,
    string DataFolder,
    string Features,
    IReadOnlyList<string> FeatureOptions,
    string? Run,
    IReadOnlyList<string> PluginFolders,
    string? Store,
    string? Schema = null,
    string? CacheRoot = null,
    int? MaxRealImages = null) : ICommand<ScoreReport>;

/// <summary>The outcome of <see cref="ScoreImages"/>.</summary>
internal sealed record ScoreReport(
    MifidScore Score,
    string Extractor,
    string ExtractorHash,
    bool Proxy,
    int GeneratedImages,
    int RealImages,
    bool RealFromCache,
    double FeatureSeconds,
    double StatisticsSeconds,
    double DistanceSeconds,
    Guid? RecordedOnRun);
