namespace DogGan.Host.Reports;

/// <summary>A curve plot written into the report folder.</summary>
/// <param name="File">Its file name in the report folder.</param>
/// <param name="Title">What it shows, for the heading and the image's alt text.</param>
/// <param name="LeftOut">Non-finite points that could not be drawn.</param>
internal sealed record PlotImage(string File, string Title, int LeftOut);
