namespace DogGan.Host.Data;

/// <summary>What one sample of an epoch is: which image, which of its crops, and its augmentation.</summary>
/// <param name="Image">Index of the image in <see cref="PreparedData"/>.</param>
/// <param name="Crop">Index of the crop in <see cref="PreparedData.Crops"/>.</param>
/// <param name="Flip">Mirrored left to right.</param>
/// <param name="Degrees">Rotation in degrees; 0 when not rotated.</param>
internal readonly record struct SampleDraw(int Image, int Crop, bool Flip, double Degrees);
