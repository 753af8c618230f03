using System.Composition;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>
/// Recipe crop 4: the largest square centred on the box centre that fits in the image, then
/// grown away from the border it touches. The centre of a box with an odd side falls between
/// pixels, so the corners may be fractional; the host rounds them when it cuts.
/// </summary>
[Export(typeof(ICropPlugin))]
[Plugin("centred-context", "Largest square centred on the box, grown away from the border it touches (recipe crop 4)")]
public sealed class CentredContextCropPlugin : ICropPlugin
{
    // The share of the smallest free margin the square grows by (floored to whole pixels).
    private const double Growth = 0.28;

    /// <inheritdoc />
    public ICropStrategy Create(PluginOptions options) => new PerBoxCropStrategy(Crop);

    private static CropBox Crop(ImageSize image, BoundingBox box)
    {
        double width = image.Width;
        double height = image.Height;
        double centreX = (box.XMin + box.XMax) / 2.0;
        double centreY = (box.YMin + box.YMax) / 2.0;
        double radius = Math.Min(Math.Min(width - centreX, height - centreY), Math.Min(centreX, centreY));
        double left = centreX - radius;
        double top = centreY - radius;
        double right = centreX + radius;
        double bottom = centreY + radius;

        // The square touches at least one border; the first of left, right, top, bottom decides.
        // It grows 2e away from that border and e to each perpendicular side, where e is a share
        // of the smallest margin left on the other three sides, so it stays square and inside.
        if (left == 0)
        {
            double e = Grow(Math.Min(Math.Min(width - right, height - bottom), top));
            return new CropBox(left, top - e, right + (2 * e), bottom + e);
        }

        if (right == width)
        {
            double e = Grow(Math.Min(Math.Min(left, height - bottom), top));
            return new CropBox(left - (2 * e), top - e, right, bottom + e);
        }

        if (top == 0)
        {
            double e = Grow(Math.Min(Math.Min(left, width - right), height - bottom));
            return new CropBox(left - e, top, right + e, bottom + (2 * e));
        }

        // radius is the minimum of the four distances, so the bottom border is the one left.
        double last = Grow(Math.Min(Math.Min(left, width - right), top));
        return new CropBox(left - last, top - (2 * last), right + last, bottom);
    }

    private static double Grow(double margin) => Math.Floor(margin * Growth);
}
