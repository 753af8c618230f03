using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Crops;

/// <summary>
/// The shape every recipe crop shares: one rectangle per bounding box, computed from that box
/// and the image size alone. An image without boxes gives no crops.
/// </summary>
internal sealed class PerBoxCropStrategy : ICropStrategy
{
    private readonly Func<ImageSize, BoundingBox, CropBox> _crop;

    public PerBoxCropStrategy(Func<ImageSize, BoundingBox, CropBox> crop)
    {
        _crop = crop;
    }

    public IReadOnlyList<CropBox> Select(ImageSize image, IReadOnlyList<BoundingBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        var crops = new CropBox[boxes.Count];
        for (int i = 0; i < crops.Length; i++)
        {
            crops[i] = _crop(image, boxes[i]);
        }

        return crops;
    }
}
