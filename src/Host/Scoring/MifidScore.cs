namespace DogGan.Host.Scoring;

/// <summary>One FID/MiFID evaluation.</summary>
/// <param name="Fid">The Fréchet distance of the two feature distributions.</param>
/// <param name="Distance">The mean minimum cosine distance of generated to training features.</param>
/// <param name="Mifid">FID over the thresholded distance.</param>
internal sealed record MifidScore(double Fid, double Distance, double Mifid)
{
    /// <summary>Whether the distance fell under the threshold, so MiFID exceeds FID.</summary>
    public bool ThresholdTriggered => Distance < MemorizationDistance.Threshold;

    /// <summary>Scores generated features against training features (both N x D).</summary>
    public static MifidScore Of(TorchSharp.torch.Tensor generated, TorchSharp.torch.Tensor real)
    {
        using FeatureStatistics generatedStatistics = FeatureStatistics.Of(generated);
        using FeatureStatistics realStatistics = FeatureStatistics.Of(real);
        return Of(generatedStatistics, generated, realStatistics, real);
    }

    /// <summary>Scores with the statistics already computed (the training side is cached).</summary>
    public static MifidScore Of(
        FeatureStatistics generatedStatistics,
        TorchSharp.torch.Tensor generated,
        FeatureStatistics realStatistics,
        TorchSharp.torch.Tensor real)
    {
        double fid = FrechetDistance.Between(generatedStatistics, realStatistics);
        double distance = MemorizationDistance.Of(generated, real);
        return new MifidScore(fid, distance, MemorizationDistance.Mifid(fid, distance));
    }
}
