namespace DogGan.Contracts.Events;

/// <summary>A FID/MiFID score of a run's images against the training images.</summary>
/// <param name="Epoch">The epoch whose generator made the images, when known (scores taken during
/// training); null for a score of a submission after the fact.</param>
/// <param name="Extractor">The feature extractor's name, e.g. <c>torchscript</c> or <c>pixel-proxy</c>.</param>
/// <param name="ExtractorHash">Lower-case hex SHA-256 of the extractor's name, options and fingerprint:
/// two scores are comparable only when these match.</param>
/// <param name="Images">Generated images scored.</param>
/// <param name="Fid">The Fréchet distance of the feature distributions.</param>
/// <param name="Distance">The memorization distance: the mean over generated images of the minimum
/// cosine distance 1 - |cos| to any training image.</param>
/// <param name="Mifid">FID divided by the thresholded distance (the distance when under 0.1, else 1).</param>
/// <param name="Proxy">True when the extractor is a stand-in for Inception, so the figures are not
/// comparable with Kaggle's.</param>
public sealed record MetricRecorded(
    int? Epoch, string Extractor, string ExtractorHash, int Images, double Fid, double Distance, double Mifid,
    bool Proxy);
