namespace DogGan.Contracts.Imaging;

/// <summary>
/// A rectangle to cut out of an image, right and bottom exclusive. Coordinates may be
/// fractional (a box centre can fall between pixels); <see cref="ToPixels"/> rounds them the
/// way the recipe's image library did, half to even.
/// </summary>
public readonly record struct CropBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Right - Left.</summary>
    public double Width => Right - Left;

    /// <summary>Bottom - Top.</summary>
    public double Height => Bottom - Top;

    /// <summary>
    /// Whole-pixel rectangle (x, y, width, height) clamped to the image, or null when nothing of
    /// it lies inside the image.
    /// </summary>
    public (int X, int Y, int Width, int Height)? ToPixels(ImageSize image)
    {
        int left = Math.Clamp((int)Math.Round(Left, MidpointRounding.ToEven), 0, image.Width);
        int top = Math.Clamp((int)Math.Round(Top, MidpointRounding.ToEven), 0, image.Height);
        int right = Math.Clamp((int)Math.Round(Right, MidpointRounding.ToEven), 0, image.Width);
        int bottom = Math.Clamp((int)Math.Round(Bottom, MidpointRounding.ToEven), 0, image.Height);
        return right > left && bottom > top ? (left, top, right - left, bottom - top) : null;
    }
}
