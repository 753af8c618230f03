using DogGan.Contracts.Imaging;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Chooses the square regions of an image that become training crops. The host cuts each
/// returned rectangle out of the stored pixels, resizes it to the training resolution once,
/// and caches it; during training one crop of an image is drawn uniformly per sample.
/// </summary>
public interface ICropStrategy
{
    /// <summary>
    /// Returns the crop rectangles for one image, zero or more. Rectangles may overrun the
    /// image; the host clamps them (and counts those left empty as skipped).
    /// </summary>
    /// <param name="image">The stored pixel size.</param>
    /// <param name="boxes">The image's bounding boxes, already clamped to the image; may be empty
    /// when the image has no annotation.</param>
    IReadOnlyList<CropBox> Select(ImageSize image, IReadOnlyList<BoundingBox> boxes);
}

/// <summary>The export contract of a crop plugin: <c>[Export(typeof(ICropPlugin))]</c>.</summary>
public interface ICropPlugin : IPluginFactory<ICropStrategy>
{
}
