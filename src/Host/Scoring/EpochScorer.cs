using DogGan.Contracts.Events;
using DogGan.Host.Manifests;
using DogGan.Host.Plugins;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Scoring;

/// <summary>
/// FID/MiFID during training, as the manifest's <c>scoring</c> section asks: the extractor,
/// the real-image statistics and the latent vectors are prepared once per run, and each score
/// generates the same images' worth of latents through the averaged generator of that epoch.
/// </summary>
/// <remarks>
/// The latent vectors come from a generator of their own, seeded from the run's seed, so
/// scoring draws nothing from the training stream: a run's losses are the same with or
/// without scoring, and a resume stays exact. They are kept on the CPU for the whole run
/// (images x latent floats: 1000 x 256 is 1 MB).
/// </remarks>
internal sealed class EpochScorer : IDisposable
{
    private const int BatchSize = 250;
    private readonly ExtractorChoice _extractor;
    private readonly RealFeatures _real;
    private readonly Tensor _latents;

    private EpochScorer(ScoringSection section, ExtractorChoice extractor, RealFeatures real, Tensor latents)
    {
        Every = section.Every;
        _extractor = extractor;
        _real = real;
        _latents = latents;
    }

    /// <summary>Epochs between scores.</summary>
    public int Every { get; }

    /// <summary>Images generated per score.</summary>
    public int Images => (int)_latents.shape[0];

    /// <summary>The extractor, its hash and the real features of the run's data folder (cached).</summary>
    /// <param name="manifest">The run's manifest; its <c>scoring</c> section must be present.</param>
    /// <param name="seed">The run's seed; the latent vectors follow from it.</param>
    /// <param name="latentSize">The generator's latent length.</param>
    /// <param name="catalog">Where the full-image crop of the real set is found.</param>
    /// <param name="cacheRoot">Holds <c>crops</c> and <c>features</c>, as for <c>host score</c>.</param>
    /// <param name="logger">Says whether the real features came from the cache.</param>
    /// <param name="cancellationToken">Stops the extraction of real features.</param>
    public static EpochScorer Prepare(
        ExperimentManifest manifest,
        long seed,
        int latentSize,
        PluginCatalog catalog,
        string cacheRoot,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ScoringSection section = manifest.Scoring
            ?? throw new ArgumentException("the manifest has no scoring section", nameof(manifest));
        ExtractorChoice extractor = ExtractorChoice.FromManifest(section.Features);
        try
        {
            RealFeatures real = RealFeatures.Load(manifest.Data.Folder, manifest.Data.MaxImages, extractor, catalog,
                cacheRoot, logger, cancellationToken);
            using var latentGenerator = new Generator((ulong)ScoringSeed(seed));
            Tensor latents = randn([section.Images, latentSize, 1, 1], generator: latentGenerator);
            return new EpochScorer(section, extractor, real, latents);
        }
        catch
        {
            extractor.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="epoch"/> is scored: every <see cref="Every"/>-th, and the final one.</summary>
    public bool IsDue(int epoch, bool final) => final || epoch % Every == 0;

    /// <summary>Scores <paramref name="sampler"/> (in evaluation mode) on the fixed latent vectors.</summary>
    /// <param name="sampler">The averaged generator, ready for sampling.</param>
    /// <param name="device">Where the sampler's weights are.</param>
    /// <param name="epoch">The epoch the event names.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public MetricRecorded Score(
        Module<Tensor, Tensor> sampler, Device device, int epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        using Tensor generated = FeatureExtraction.Extract(_extractor.Extractor, Batches(sampler, device),
            cancellationToken);
        using FeatureStatistics statistics = FeatureStatistics.Of(generated);
        double fid = FrechetDistance.Between(statistics, _real.Statistics);
        double distance = MemorizationDistance.Of(generated, _real.Features);
        return new MetricRecorded(epoch, _extractor.Extractor.Name, _extractor.Hash, Images, fid, distance,
            MemorizationDistance.Mifid(fid, distance), _extractor.Extractor.IsProxy);
    }

    public void Dispose()
    {
        _latents.Dispose();
        _real.Dispose();
        _extractor.Dispose();
    }

    /// <summary>
    /// The seed of the scoring latents: a stream apart from the training noise, the sample
    /// grid's fixed noise and the BatchNorm re-estimation.
    /// </summary>
    internal static long ScoringSeed(long seed) => seed ^ 0x6A09_E667_F3BC_C908L;

    private IEnumerable<Tensor> Batches(Module<Tensor, Tensor> sampler, Device device)
    {
        for (long start = 0; start < _latents.shape[0]; start += BatchSize)
        {
            yield return Generate(sampler, device, start, Math.Min(BatchSize, _latents.shape[0] - start));
        }
    }

    // Not inside the iterator: a dispose scope open across a yield would wrap the caller's work.
    // The images are rounded to 8-bit pixels as a submission's PNGs are, so a score here
    // measures what `host generate` then `host score` would.
    private Tensor Generate(Module<Tensor, Tensor> sampler, Device device, long start, long count)
    {
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor images = sampler.call(_latents.narrow(0, start, count).to(device)).cpu();
            Tensor pixels = images.add(1).mul(127.5).round().clamp(0, 255);
            return pixels.div(127.5).sub(1).to(float32).DetachFromDisposeScope();
        }
    }
}
