namespace DogGan.Tests.Reports;

/// <summary>One image as headless Chromium decoded it (see <see cref="HeadlessChromium.ImageProbe"/>).</summary>
/// <param name="Src">Its absolute URL.</param>
/// <param name="Complete">Whether loading finished.</param>
/// <param name="Width">Natural width in pixels; 0 when it could not be decoded.</param>
/// <param name="Height">Natural height in pixels.</param>
internal sealed record ProbedImage(string Src, bool Complete, int Width, int Height);
