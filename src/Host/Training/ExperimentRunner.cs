using System.Security.Cryptography;
using DogGan.Contracts.Events;
using DogGan.Host.Data;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Plugins;
using DogGan.Host.Store;
using Mediator;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace DogGan.Host.Training;

/// <summary>
/// Handles <see cref="RunExperiment"/>: validates everything that can be validated before
/// any work (manifest, plugins, device, store), prepares the data once, records the start,
/// trains, and records how it ended. Whatever happens, the events saved so far stay saved.
/// </summary>
internal sealed class ExperimentRunner(
    TrainingSession session,
    ILogger<ExperimentRunner> logger) : ICommandHandler<RunExperiment, RunOutcome>
{
    public async ValueTask<RunOutcome> Handle(RunExperiment command, CancellationToken cancellationToken)
    {
        // ---- everything a user can get wrong fails here, before data or networks
        PluginCatalog catalog = session.LoadPlugins(command.PluginFolders);
        ExperimentManifest manifest = ManifestReader.Load(command.ManifestPath, catalog, command.Overrides);
        torch.Device device = ComputeDevice.Select(manifest.Device);
        DataFolder.CheckLayout(manifest.Data.Folder);
        long seed = manifest.Seed ?? DrawSeed();
        if (manifest.Seed is null)
        {
            logger.LogWarning("The manifest sets no seed; drew {Seed}. Put \"seed\": {Seed} in it to repeat this run",
                seed, seed);
        }

        int threads = manifest.Threads ?? Environment.ProcessorCount;
        torch.set_num_threads(threads);
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(command.Store, command.Schema),
            cancellationToken: cancellationToken);
        logger.LogInformation("Recording into {Store}", store.Description);

        // ---- data: crops decoded and resized once per data folder and crop set, then cached
        using PreparedData data = session.PrepareData(manifest, command.CacheRoot, cancellationToken);

        using TrainingComponents parts = TrainingComponents.Create(manifest, data, device,
            latent => session.PrepareScoring(manifest, seed, latent, catalog, command.CacheRoot, cancellationToken));

        // ---- the run's identity, folder and first event
        Guid runId = Guid.CreateVersion7();
        string runFolder = Path.GetFullPath(Path.Combine(command.OutputRoot, manifest.Name,
            $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{runId.ToString("N")[^8..]}"));
        Directory.CreateDirectory(runFolder);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "manifest.json"), manifest.SourceJson,
            cancellationToken);
        ExperimentStarted started = StartedEvent(runId, manifest, seed, data.Summary, threads, runFolder);
        await using RunRecorder recorder = store.NewRun();
        await recorder.StartAsync(started, cancellationToken);
        // Held while this process trains the run, so that a resume elsewhere waits for its end.
        await using RunLease lease = await store.LeaseRunAsync(runId, cancellationToken);
        var run = new TrainingRun(runId, manifest, seed, runFolder, recorder);
        logger.LogInformation(
            "Run {RunId} ({Name}) started: seed {Seed}, {Threads} threads on {Device}, folder {Folder}",
            runId, manifest.Name, seed, threads, manifest.Device, runFolder);

        // ---- train; the end of the run is always recorded
        return await session.TrainAndRecordEndAsync(run, parts, TrainingStart.Fresh, cancellationToken);
    }

    private static ExperimentStarted StartedEvent(
        Guid runId, ExperimentManifest manifest, long seed, DataSummary data, int threads, string runFolder)
    {
        var plugins = manifest.Plugins.Select(p => new ResolvedPlugin(p.Role, p.Choice.Plugin.Name,
            p.Choice.Plugin.AssemblyName, p.Choice.Plugin.AssemblyVersion, p.Choice.OptionsJson)).ToList();
        return new ExperimentStarted(runId, manifest.Name, manifest.SourcePath, manifest.SourceJson,
            manifest.Overrides, plugins, seed, manifest.Seed is null, data, manifest.Device, threads,
            TrainingSession.HostVersion, manifest.Training.Epochs, manifest.Training.TimeLimitSeconds, runFolder,
            DateTimeOffset.UtcNow);
    }

    private static long DrawSeed() => RandomNumberGenerator.GetInt32(int.MaxValue);
}
