using TorchSharp;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Turns images into feature vectors for FID and MiFID (the competition used Inception's
/// 2048-wide pool3 output). The host calls <see cref="Extract"/> on batches inside its own
/// dispose scope and without autograd; an extractor keeps no per-batch state.
/// </summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>Short name shown in score reports and metric events.</summary>
    string Name { get; }

    /// <summary>The length of each feature vector: the number of columns <see cref="Extract"/> returns.</summary>
    int Width { get; }

    /// <summary>
    /// Identifies everything the features depend on beyond the plugin's name and options, e.g.
    /// the SHA-256 of a model file. The host hashes it with the name and options into the
    /// extractor hash that keys the cache of real-image features and goes into metric events.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>
    /// True when the features are a stand-in for Inception's: scores made with them are
    /// comparable only with other scores of the same extractor, never with Kaggle's.
    /// </summary>
    bool IsProxy { get; }

    /// <summary>Features of a batch of images.</summary>
    /// <param name="images">(N, 3, 64, 64) float32 RGB in [-1, 1] on the CPU.</param>
    /// <returns>(N, <see cref="Width"/>) float32 on the CPU.</returns>
    torch.Tensor Extract(torch.Tensor images);
}

/// <summary>
/// The export contract of a feature extractor plugin: <c>[Export(typeof(IFeatureExtractorPlugin))]</c>.
/// </summary>
public interface IFeatureExtractorPlugin : IPluginFactory<IFeatureExtractor>
{
}
