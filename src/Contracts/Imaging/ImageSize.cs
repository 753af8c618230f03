namespace DogGan.Contracts.Imaging;

/// <summary>The stored pixel size of an image (before any EXIF rotation, which DogGan never applies).</summary>
/// <param name="Width">Columns of pixels.</param>
/// <param name="Height">Rows of pixels.</param>
public readonly record struct ImageSize(int Width, int Height);
