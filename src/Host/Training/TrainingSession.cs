using System.Diagnostics;
using System.Reflection;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Host.Handlers;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Plugins;
using DogGan.Host.Scoring;
using DogGan.Host.Store;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DogGan.Host.Training;

/// <summary>
/// What a fresh run and a resumed one share once they know their manifest: the data and
/// components, then training under the stop signal with the end of the run always recorded.
/// </summary>
internal sealed class TrainingSession(
    IMediator mediator,
    Trainer trainer,
    ProgressDisplay progress,
    ILoggerFactory loggers,
    ILogger<TrainingSession> logger)
{
    public static string HostVersion =>
        typeof(TrainingSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "unknown";

    /// <summary>The plugins of the default folders and of <paramref name="folders"/> (--plugins).</summary>
    public PluginCatalog LoadPlugins(IReadOnlyList<string> folders) =>
        PluginCatalog.Load(PluginCatalog.DefaultFolders(folders), loggers.CreateLogger<PluginCatalog>());

    /// <summary>The crops, decoded and resized once per data folder and crop set, then cached.</summary>
    public PreparedData PrepareData(ExperimentManifest manifest, string? cacheRoot, CancellationToken cancellationToken)
    {
        var crops = manifest.Data.Crops
            .Select(c => new NamedCropStrategy(c.Plugin.Name, c.OptionsJson, c.Create<ICropStrategy>()))
            .ToList();
        return DataPreparer.Prepare(
            new DataRequest(manifest.Data.Folder, crops, manifest.Data.ImageSize, manifest.Data.MaxImages,
                cacheRoot ?? HostPaths.CropCache),
            loggers.CreateLogger("DogGan.Host.Data"), cancellationToken);
    }

    /// <summary>
    /// The manifest's scorer, its extractor and real-image statistics ready (read from the
    /// feature cache, or extracted and cached); null when the manifest has no scoring section.
    /// </summary>
    /// <param name="manifest">The run's manifest.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="latentSize">The architecture's latent length.</param>
    /// <param name="catalog">The run's plugins.</param>
    /// <param name="cacheRoot">The run's crop cache when one was given (tests, trials); its
    /// <c>crops</c> and <c>features</c> subfolders then hold the real set, kept apart from the
    /// user's. Otherwise the host's cache root, shared with <c>host score</c>.</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    public EpochScorer? PrepareScoring(
        ExperimentManifest manifest, long seed, int latentSize, PluginCatalog catalog, string? cacheRoot,
        CancellationToken cancellationToken)
    {
        if (manifest.Scoring is not { } scoring)
        {
            return null;
        }

        EpochScorer scorer = EpochScorer.Prepare(manifest, seed, latentSize, catalog,
            cacheRoot ?? HostPaths.CacheRoot, loggers.CreateLogger("DogGan.Host.Data"), cancellationToken);
        logger.LogInformation("Scoring every {Every} epochs and at the end: {Images} images, features {Extractor}",
            scoring.Every, scoring.Images, scoring.Features.Plugin.Name);
        return scorer;
    }

    /// <summary>
    /// Trains <paramref name="run"/> from <paramref name="start"/> and records how it ended:
    /// completed, stopped by its time limit, interrupted by Ctrl-C / SIGTERM, or failed.
    /// </summary>
    public async Task<RunOutcome> TrainAndRecordEndAsync(
        TrainingRun run, TrainingComponents parts, TrainingStart start, CancellationToken cancellationToken)
    {
        ExperimentManifest manifest = run.Manifest;
        using StopSignal stop = StopSignal.ListenToConsole();
        stop.Requested += level => logger.LogWarning(level == 1
            ? "Stopping after the epoch in progress, then saving a checkpoint; press Ctrl-C again to stop now "
              + "(the partial epoch is then lost)"
            : "Stopping now; the partial epoch is discarded");
        var watch = Stopwatch.StartNew();
        try
        {
            (TrainingEnd end, int last) = await progress.RunAsync(manifest.Training.Epochs, manifest.Name,
                () => trainer.TrainAsync(run, parts, start, stop, cancellationToken));
            object ending = end switch
            {
                TrainingEnd.Completed => new ExperimentCompleted(last, watch.Elapsed.TotalSeconds, false),
                TrainingEnd.TimeLimit => new ExperimentCompleted(last, watch.Elapsed.TotalSeconds, true),
                _ => new ExperimentInterrupted(last, stop.Now
                    ? "stopped at once by a second Ctrl-C or SIGTERM; the partial epoch was discarded"
                    : "stopped by Ctrl-C or SIGTERM after the epoch in progress; checkpoint saved"),
            };
            await mediator.Publish(new RunEnded(run, ending), CancellationToken.None);
            string status = end == TrainingEnd.Interrupted ? RunStatus.Interrupted : RunStatus.Completed;
            return new RunOutcome(run.RunId, status, last, run.RunFolder);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Run {RunId} failed after epoch {Epoch}; its events up to there are saved",
                run.RunId, run.LastCompletedEpoch);
            await mediator.Publish(
                new RunEnded(run, new ExperimentFailed(run.LastCompletedEpoch, error.GetType().Name, error.Message)),
                CancellationToken.None);
            return new RunOutcome(run.RunId, RunStatus.Failed, run.LastCompletedEpoch, run.RunFolder);
        }
    }
}
