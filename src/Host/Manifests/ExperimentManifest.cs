using DogGan.Contracts.Plugins;
using DogGan.Host.Plugins;

namespace DogGan.Host.Manifests;

/// <summary>
/// An experiment as the manifest describes it, validated and with every plugin resolved
/// against the catalog and every default filled in. See README.md, "Manifest reference".
/// </summary>
internal sealed record ExperimentManifest(
    string Name,
    string? Description,
    long? Seed,
    string Device,
    int? Threads,
    DataSection Data,
    PluginChoice Architecture,
    PluginChoice Loss,
    PluginChoice Averager,
    OptimizerSection Optimizer,
    TrainingSection Training,
    OutputSection Outputs,
    string SourcePath,
    string SourceJson,
    IReadOnlyList<string> Overrides,
    ScoringSection? Scoring = null)
{
    /// <summary>All resolved plugins with the manifest key each fills.</summary>
    public IEnumerable<(string Role, PluginChoice Choice)> Plugins =>
        Data.Crops.Select((c, i) => ($"crops[{i}]", c))
            .Append(("architecture", Architecture)).Append(("loss", Loss)).Append(("averager", Averager))
            .Concat(Scoring is { } scoring ? [("scoring.features", scoring.Features)] : []);
}

/// <summary>A plugin named in the manifest, its options complete.</summary>
internal sealed record PluginChoice(PluginDescriptor Plugin, PluginOptions Options, string OptionsJson)
{
    public T Create<T>() => ((IPluginFactory<T>)Plugin.CreateFactory()).Create(Options);
}

/// <summary>Where the images come from and how they are cut and augmented.</summary>
internal sealed record DataSection(
    string Folder,
    IReadOnlyList<PluginChoice> Crops,
    int ImageSize,
    int? MaxImages,
    double FlipProbability,
    double RotateProbability,
    double RotateDegrees);

/// <summary>Adam for both networks, as the recipe has it.</summary>
internal sealed record OptimizerSection(double LearningRate, double Beta1, double Beta2);

/// <summary>How long and in what batches.</summary>
internal sealed record TrainingSection(int Epochs, int BatchSize, double? TimeLimitSeconds);

/// <summary>What the run leaves on disk, and how often.</summary>
internal sealed record OutputSection(int SamplesEvery, int SampleGrid, int CheckpointEvery, int KeepCheckpoints);

/// <summary>FID/MiFID during training: every <see cref="Every"/> epochs and at the last, on
/// <see cref="Images"/> images from fixed latent vectors, with the <see cref="Features"/> extractor.</summary>
internal sealed record ScoringSection(int Every, int Images, PluginChoice Features);
