using System.Composition;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>Recipe crop 2: the square of the box's shorter side ending at the box's right edge, from its top.</summary>
[Export(typeof(ICropPlugin))]
[Plugin("top-right", "Square of the box's shorter side at its top-right corner (recipe crop 2)")]
public sealed class TopRightCropPlugin : ICropPlugin
{
    /// <inheritdoc />
    public ICropStrategy Create(PluginOptions options) => new PerBoxCropStrategy(Crop);

    private static CropBox Crop(ImageSize image, BoundingBox box)
    {
        int side = Math.Min(box.Width, box.Height);
        return new CropBox(box.XMax - side, box.YMin, box.XMax, box.YMin + side);
    }
}
