using System.Composition;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>
/// Recipe crop 1: the square of the box's shorter side at the box's top-left corner. Dogs'
/// heads are usually near the top of their box, so this square tends to hold the head.
/// </summary>
[Export(typeof(ICropPlugin))]
[Plugin("top-left", "Square of the box's shorter side at its top-left corner (recipe crop 1)")]
public sealed class TopLeftCropPlugin : ICropPlugin
{
    /// <inheritdoc />
    public ICropStrategy Create(PluginOptions options) => new PerBoxCropStrategy(Crop);

    private static CropBox Crop(ImageSize image, BoundingBox box)
    {
        int side = Math.Min(box.Width, box.Height);
        return new CropBox(box.XMin, box.YMin, box.XMin + side, box.YMin + side);
    }
}
