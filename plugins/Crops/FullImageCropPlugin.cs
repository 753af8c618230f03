using System.Composition;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>
/// The centred largest square of the whole image, one crop per image, boxes ignored. It is the
/// one strategy that uses images without an annotation; it is not part of the recipe.
/// </summary>
[Export(typeof(ICropPlugin))]
[Plugin("full-image", "The centred largest square of the whole image, ignoring boxes (one crop per image)")]
public sealed class FullImageCropPlugin : ICropPlugin
{
    /// <inheritdoc />
    public ICropStrategy Create(PluginOptions options) => new FullImageCrop();

    private sealed class FullImageCrop : ICropStrategy
    {
        public IReadOnlyList<CropBox> Select(ImageSize image, IReadOnlyList<BoundingBox> boxes)
        {
            int side = Math.Min(image.Width, image.Height);

            // Whole pixels: an odd difference leaves the extra column or row on the right or bottom.
            int left = (image.Width - side) / 2;
            int top = (image.Height - side) / 2;
            return [new CropBox(left, top, left + side, top + side)];
        }
    }
}
