using System.Composition;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>
/// Recipe crop 3: the box grown on its shorter side by the integer half of |w - h| each way,
/// clamped to the image. The clamp is to the last pixel index (W - 1, H - 1), not to W and H:
/// the solution wrote it so, and keeping it keeps the crops the solution trained on (a box
/// that reaches the border loses its last row or column, one pixel out of hundreds).
/// </summary>
[Export(typeof(ICropPlugin))]
[Plugin("padded-box", "The box grown to a square on its shorter side, clamped to the image (recipe crop 3)")]
public sealed class PaddedBoxCropPlugin : ICropPlugin
{
    /// <inheritdoc />
    public ICropStrategy Create(PluginOptions options) => new PerBoxCropStrategy(Crop);

    private static CropBox Crop(ImageSize image, BoundingBox box)
    {
        int half = Math.Abs(box.Width - box.Height) / 2;
        if (box.Width >= box.Height)
        {
            return new CropBox(
                box.XMin, Math.Max(box.YMin - half, 0), box.XMax, Math.Min(box.YMax + half, image.Height - 1));
        }

        return new CropBox(
            Math.Max(box.XMin - half, 0), box.YMin, Math.Min(box.XMax + half, image.Width - 1), box.YMax);
    }
}
