namespace DogGan.Contracts.Imaging;

/// <summary>
/// A PASCAL-VOC bounding box in stored pixels, as the annotation gives it: (XMin, YMin) is the
/// top-left corner and (XMax, YMax) the bottom-right one, used as an exclusive edge the way the
/// recipe's crop call uses it. The host clamps boxes to the image before plugins see them and
/// drops empty or inverted ones, so <see cref="Width"/> and <see cref="Height"/> are positive.
/// </summary>
public readonly record struct BoundingBox(int XMin, int YMin, int XMax, int YMax)
{
    /// <summary>XMax - XMin.</summary>
    public int Width => XMax - XMin;

    /// <summary>YMax - YMin.</summary>
    public int Height => YMax - YMin;
}
