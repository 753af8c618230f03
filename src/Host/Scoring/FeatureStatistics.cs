using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// The mean and covariance of a set of feature vectors in float64, as FID needs them. Owns
/// its tensors.
/// </summary>
internal sealed class FeatureStatistics : IDisposable
{
    private FeatureStatistics(Tensor mean, Tensor covariance, long count)
    {
        Mean = mean;
        Covariance = covariance;
        Count = count;
    }

    /// <summary>(D) float64.</summary>
    public Tensor Mean { get; }

    /// <summary>(D, D) float64, the unbiased estimate (divided by N - 1, as numpy's cov).</summary>
    public Tensor Covariance { get; }

    /// <summary>How many rows the statistics summarise.</summary>
    public long Count { get; }

    /// <summary>Mean and covariance of the rows of <paramref name="features"/> (N x D, N at least 2).</summary>
    public static FeatureStatistics Of(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] < 2)
        {
            throw new ArgumentException(
                $"features must be N x D with N >= 2, not [{string.Join(", ", features.shape)}]", nameof(features));
        }

        using (NewDisposeScope())
        {
            Tensor rows = features.to(float64);
            Tensor mean = rows.mean([0]);
            Tensor centred = rows - mean;
            Tensor covariance = centred.t().matmul(centred).div(rows.shape[0] - 1);
            return new FeatureStatistics(mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope(),
                rows.shape[0]);
        }
    }

    /// <summary>Statistics read back from <see cref="Save"/>.</summary>
    public static FeatureStatistics Load(string meanPath, string covariancePath, long count) =>
        new(Tensor.Load(meanPath), Tensor.Load(covariancePath), count);

    /// <summary>Writes the two tensors in TorchSharp's format.</summary>
    public void Save(string meanPath, string covariancePath)
    {
        Mean.Save(meanPath);
        Covariance.Save(covariancePath);
    }

    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}
