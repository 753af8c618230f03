using DogGan.Host.History;

namespace DogGan.Host.Reports;

/// <summary>What <see cref="ReportWriter"/> wrote.</summary>
/// <param name="IndexPath">The page, DIR/index.html.</param>
/// <param name="Runs">The runs shown, in the order asked for.</param>
/// <param name="Samples">Every recorded sample grid of every run, copied or not.</param>
/// <param name="Differences">The manifest keys that differ between the runs.</param>
internal sealed record ReportResult(
    string IndexPath,
    IReadOnlyList<RunHistory> Runs,
    IReadOnlyList<SampleImage> Samples,
    IReadOnlyList<ManifestDifference> Differences)
{
    public int Copied => Samples.Count(s => s.Status == SampleStatus.Copied);

    /// <summary>Sample grids that are recorded but could not be shown.</summary>
    public IReadOnlyList<SampleImage> Problems => Samples.Where(s => s.Status != SampleStatus.Copied).ToArray();
}
