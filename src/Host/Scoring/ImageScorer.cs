using System.Diagnostics;
using DogGan.Contracts.Events;
using DogGan.Host.Plugins;
using DogGan.Host.Store;
using Mediator;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>Handles <see cref="ScoreImages"/>: checks the images, extracts features, scores, records.</summary>
internal sealed class ImageScorer(ILoggerFactory loggers, ILogger<ImageScorer> logger)
    : ICommandHandler<ScoreImages, ScoreReport>
{
    private const int BatchSize = 250;

    public async ValueTask<ScoreReport> Handle(ScoreImages command, CancellationToken cancellationToken)
    {
        // ---- everything a user can get wrong fails here: plugin, options, model file, images, store
        PluginCatalog catalog = PluginCatalog.Load(PluginCatalog.DefaultFolders(command.PluginFolders),
            loggers.CreateLogger<PluginCatalog>());
        using ExtractorChoice extractor = ExtractorChoice.Create(catalog, command.Features, command.FeatureOptions);
        ImageSet images = ImageSet.Open(command.Images);
        RunStore? store = null;
        Guid? runId = null;
        try
        {
            if (command.Run is { } run)
            {
                store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(command.Store, command.Schema),
                    cancellationToken: cancellationToken);
                runId = (await store.ResolveRunAsync(run, cancellationToken)).Id;
            }

            // ---- features of both sets; the training side from the cache when it is there
            string cacheRoot = command.CacheRoot ?? HostPaths.CacheRoot;
            var watch = Stopwatch.StartNew();
            using RealFeatures real = RealFeatures.Load(command.DataFolder, command.MaxRealImages, extractor, catalog,
                cacheRoot, loggers.CreateLogger("DogGan.Host.Data"), cancellationToken);
            using Tensor generated = FeatureExtraction.Extract(extractor.Extractor, images.Batches(BatchSize),
                cancellationToken);
            double featureSeconds = watch.Elapsed.TotalSeconds;

            // ---- FID from the statistics, then the memorization distance from the rows
            watch.Restart();
            using FeatureStatistics statistics = FeatureStatistics.Of(generated);
            double fid = FrechetDistance.Between(statistics, real.Statistics);
            double statisticsSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            double distance = MemorizationDistance.Of(generated, real.Features);
            double distanceSeconds = watch.Elapsed.TotalSeconds;
            var score = new MifidScore(fid, distance, MemorizationDistance.Mifid(fid, distance));
            ExtractorInfo info = new(extractor.Extractor.Name, extractor.Hash, extractor.Extractor.IsProxy);
            logger.LogDebug("Scored {Count} images with {Extractor} {Hash}", images.Count, info.Name, info.Hash);

            // ---- the event, when asked for
            if (store is not null && runId is { } id)
            {
                await using RunRecorder recorder = await store.ReopenRunAsync(id, cancellationToken);
                recorder.Append(new MetricRecorded(null, info.Name, info.Hash, images.Count, score.Fid,
                    score.Distance, score.Mifid, info.Proxy));
                await recorder.SaveAsync(cancellationToken);
            }

            return new ScoreReport(score, info.Name, info.Hash, info.Proxy, images.Count, real.Count,
                real.FromCache, featureSeconds, statisticsSeconds, distanceSeconds, runId);
        }
        finally
        {
            store?.Dispose();
        }
    }

    private readonly record struct ExtractorInfo(string Name, string Hash, bool Proxy);
}
