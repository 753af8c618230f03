using System.Globalization;
using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Metrics;

/// <summary>
/// A stand-in for Inception that needs no download: each image is average-pooled to 16x16
/// (768 values) and multiplied by a fixed Gaussian matrix drawn from its own seeded generator,
/// then passed through a ReLU so the features are non-negative like pool3's.
/// </summary>
/// <remarks>
/// The features see colour layout only, not what is in the picture, so a FID or MiFID from
/// them ranks models trained on the same data roughly but means nothing next to Kaggle's
/// numbers; every report and event carries the proxy flag for that reason. Deterministic:
/// the matrix is a pure function of the seed and width (CPU generator), and the pooling
/// and product are fixed CPU kernels.
/// </remarks>
public sealed class PixelProxyExtractor : IFeatureExtractor
{
    private const int PooledSide = 16;
    private const int Inputs = 3 * PooledSide * PooledSide;
    private readonly Tensor _projection;

    /// <summary>Draws the projection matrix.</summary>
    /// <param name="width">Feature width.</param>
    /// <param name="seed">Seed of the matrix.</param>
    public PixelProxyExtractor(int width, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Width = width;
        Seed = seed;
        using var generator = new Generator((ulong)seed);
        using Tensor drawn = randn([Inputs, width], float32, generator: generator);
        _projection = drawn.div(Math.Sqrt(Inputs));
        Fingerprint = string.Create(CultureInfo.InvariantCulture,
            $"pool{PooledSide}-gauss-relu/v1/seed{seed}/width{width}");
    }

    /// <inheritdoc />
    public string Name => "pixel-proxy";

    /// <inheritdoc />
    public int Width { get; }

    /// <summary>Seed of the projection matrix.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public string Fingerprint { get; }

    /// <inheritdoc />
    public bool IsProxy => true;

    /// <inheritdoc />
    public Tensor Extract(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor pooled = nn.functional.adaptive_avg_pool2d(images.to(float32), [PooledSide, PooledSide]);
            Tensor features = nn.functional.relu(pooled.reshape(images.shape[0], Inputs).matmul(_projection));
            return features.MoveToOuterDisposeScope();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _projection.Dispose();
}
