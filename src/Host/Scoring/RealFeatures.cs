using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Host.Plugins;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// The training side of a score: features and statistics of the data folder's images, cached
/// per data folder contents and extractor under <c>$CACHE/doggan/features</c>.
/// </summary>
/// <remarks>
/// The real images are the training images themselves, one per file: the centred largest
/// square of each, downscaled to 64x64 by the data pipeline (the <c>full-image</c> crop, which
/// the crop cache keeps). Kaggle scored against the training images resized whole; the
/// centred square drops the margins of wide or tall photos instead of squashing them, so even
/// with Inception's weights our FID differs slightly from Kaggle's. The recipe's training
/// crops (heads, boxes) are not the real set: a generator that memorized a crop is caught
/// only as far as the crop resembles its whole image.
/// </remarks>
internal sealed class RealFeatures : IDisposable
{
    private const string CropPlugin = "full-image";

    private RealFeatures(Tensor features, FeatureStatistics statistics, bool fromCache, string folder)
    {
        Features = features;
        Statistics = statistics;
        FromCache = fromCache;
        Folder = folder;
    }

    /// <summary>(M, Width) float32.</summary>
    public Tensor Features { get; }

    public FeatureStatistics Statistics { get; }

    public int Count => (int)Features.shape[0];

    public bool FromCache { get; }

    /// <summary>The cache entry's folder.</summary>
    public string Folder { get; }

    public static RealFeatures Load(
        string dataFolder,
        int? maxImages,
        ExtractorChoice extractor,
        PluginCatalog catalog,
        string cacheRoot,
        ILogger logger,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(catalog);
        var crop = (ICropPlugin)catalog.Get(PluginKind.Crop, CropPlugin, "--data").CreateFactory();
        var strategy = new NamedCropStrategy(CropPlugin, "{}", crop.Create(PluginOptions.Empty(CropPlugin)));
        using PreparedData data = DataPreparer.Prepare(
            new DataRequest(dataFolder, [strategy], SubmissionWriter.Side, maxImages, Path.Combine(cacheRoot, "crops")),
            logger, ct);
        string key = Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{data.Summary.CacheKey}\n{extractor.Hash}")));
        string folder = Path.Combine(cacheRoot, "features", key);
        string featuresPath = Path.Combine(folder, "features.pt");
        string meanPath = Path.Combine(folder, "mean.pt");
        string covariancePath = Path.Combine(folder, "covariance.pt");
        if (File.Exists(Path.Combine(folder, "entry.json")))
        {
            Tensor cached = Tensor.Load(featuresPath);
            logger.LogInformation("Real features: {Count} images from the cache {Folder}", cached.shape[0], folder);
            return new RealFeatures(cached, FeatureStatistics.Load(meanPath, covariancePath, cached.shape[0]), true,
                folder);
        }

        Tensor features = FeatureExtraction.Extract(extractor.Extractor, Batches(data.Crops, 250), ct);
        FeatureStatistics statistics = FeatureStatistics.Of(features);
        Write(folder, features, statistics, data, extractor);
        logger.LogInformation("Real features: {Count} images extracted and cached in {Folder}", features.shape[0],
            folder);
        return new RealFeatures(features, statistics, false, folder);
    }

    public void Dispose()
    {
        Features.Dispose();
        Statistics.Dispose();
    }

    private static IEnumerable<Tensor> Batches(Tensor crops, int batchSize)
    {
        for (long start = 0; start < crops.shape[0]; start += batchSize)
        {
            yield return Scaled(crops.narrow(0, start, Math.Min(batchSize, crops.shape[0] - start)));
        }
    }

    // Not inside the iterator: a dispose scope open across a yield would wrap the caller's work.
    private static Tensor Scaled(Tensor pixels)
    {
        using (NewDisposeScope())
        {
            return pixels.to(float32).div(127.5).sub(1).DetachFromDisposeScope();
        }
    }

    // Written into a temporary folder and renamed, so a crash leaves no half entry behind;
    // entry.json, written last, marks a complete one.
    private static void Write(
        string folder, Tensor features, FeatureStatistics statistics, PreparedData data, ExtractorChoice extractor)
    {
        string temporary = folder + $".partial-{Environment.ProcessId}";
        try
        {
            Directory.CreateDirectory(temporary);
            features.Save(Path.Combine(temporary, "features.pt"));
            statistics.Save(Path.Combine(temporary, "mean.pt"), Path.Combine(temporary, "covariance.pt"));
            File.WriteAllText(Path.Combine(temporary, "entry.json"), JsonSerializer.Serialize(new
            {
                data.Summary.Folder,
                data.Summary.CacheKey,
                Images = features.shape[0],
                Extractor = extractor.Extractor.Name,
                ExtractorHash = extractor.Hash,
                Options = extractor.OptionsJson,
            }));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(temporary, folder);
        }
        catch (IOException error)
        {
            throw new DataException(
                $"{folder}: the feature cache could not be written ({error.Message}); check that folder's disk");
        }
    }
}
