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
/// Handles <see cref="ResumeExperiment"/>: takes the run's lease (refused while another
/// process trains it), reads its stream, checks the last checkpoint against the hash its
/// event recorded, rebuilds the manifest the run started with, records the resume and trains
/// on from the checkpoint through the same loop a fresh run uses. The result matches the run
/// that never stopped, loss for loss, when the threads and plugin versions are the same.
/// </summary>
internal sealed class ResumeRunner(
    TrainingSession session,
    ILogger<ResumeRunner> logger) : ICommandHandler<ResumeExperiment, RunOutcome>
{
    public async ValueTask<RunOutcome> Handle(ResumeExperiment command, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(command.Store, command.Schema),
            cancellationToken: cancellationToken);
        RunSummary summary = await store.ResolveRunAsync(command.Run, cancellationToken);
        Guid runId = summary.Id;

        // ---- the lease first: no other process may be training this run from here on
        await using RunLease lease = await store.LeaseRunAsync(runId, cancellationToken);
        ResumePlan plan = ResumePlan.From(runId, await store.ReadStreamAsync(runId, cancellationToken),
            command.Epochs);
        ExperimentStarted started = plan.Started;
        string runFolder = started.RunFolder;
        CheckpointSaved checkpoint = plan.Checkpoint;
        Checkpoint.Verify(Path.Combine(runFolder, checkpoint.Path), checkpoint.Sha256);

        // ---- the manifest as the run started: its text, data folder and device, the plan's epochs
        PluginCatalog catalog = session.LoadPlugins(command.PluginFolders);
        var overrides = new ManifestOverrides(started.Data.Folder, plan.PlannedEpochs, DeviceOverride(started));
        ExperimentManifest manifest = ManifestReader.Parse(started.Manifest,
            Path.Combine(runFolder, "manifest.json"), catalog, overrides);
        WarnAboutChangedPlugins(started, manifest);
        torch.Device device = ComputeDevice.Select(manifest.Device);
        torch.set_num_threads(started.Threads);

        using PreparedData data = session.PrepareData(manifest, command.CacheRoot, cancellationToken);
        if (data.Summary.CacheKey != started.Data.CacheKey)
        {
            logger.LogWarning("The data differ from the run's start (crop cache key {Now}, was {Then}); "
                + "the resumed epochs will not match an uninterrupted run", data.Summary.CacheKey,
                started.Data.CacheKey);
        }

        using TrainingComponents parts = TrainingComponents.Create(manifest, data, device,
            latent => session.PrepareScoring(manifest, started.Seed, latent, catalog, command.CacheRoot,
                cancellationToken));

        // ---- the resume event, saved at the stream version read now: a second writer fails
        await using RunRecorder recorder = await store.ReopenRunAsync(runId, cancellationToken);
        recorder.Append(new ExperimentResumed(checkpoint.Epoch, checkpoint.Path, checkpoint.Sha256,
            plan.DiscardedEpochs, plan.PlannedEpochs, started.Threads, TrainingSession.HostVersion,
            DateTimeOffset.UtcNow));
        await recorder.SaveAsync(cancellationToken);
        if (plan.DiscardedEpochs > 0)
        {
            logger.LogWarning(
                "Epochs {First} to {Last} were recorded after the last checkpoint (epoch {Epoch}); they are "
                + "superseded and trained again", checkpoint.Epoch + 1, plan.LastRecordedEpoch, checkpoint.Epoch);
        }

        logger.LogInformation("Run {RunId} ({Name}) resumes after epoch {Epoch} of {Epochs}, folder {Folder}",
            runId, manifest.Name, checkpoint.Epoch, plan.PlannedEpochs, runFolder);
        var run = new TrainingRun(runId, manifest, started.Seed, runFolder, recorder)
        {
            LastCompletedEpoch = checkpoint.Epoch,
        };
        var start = new TrainingStart(checkpoint.Epoch, checkpoint.Path, plan.LiveCheckpoints);
        return await session.TrainAndRecordEndAsync(run, parts, start, cancellationToken);
    }

    // The run's device override, if it had one; its data folder and epochs are set anew.
    private static string? DeviceOverride(ExperimentStarted started) => started.Overrides
        .Where(o => o.StartsWith("device=", StringComparison.Ordinal))
        .Select(o => o["device=".Length..])
        .LastOrDefault();

    private void WarnAboutChangedPlugins(ExperimentStarted started, ExperimentManifest manifest)
    {
        foreach ((string role, PluginChoice choice) in manifest.Plugins)
        {
            ResolvedPlugin? then = started.Plugins.FirstOrDefault(p => p.Role == role);
            if (then is not null && (then.AssemblyVersion != choice.Plugin.AssemblyVersion
                || then.Options != choice.OptionsJson))
            {
                logger.LogWarning(
                    "Plugin {Role}={Name} is now {Version} with options {Options} (the run started with {Then} and "
                    + "{ThenOptions}); the resumed epochs may differ from an uninterrupted run", role,
                    choice.Plugin.Name, choice.Plugin.AssemblyVersion, choice.OptionsJson, then.AssemblyVersion,
                    then.Options);
            }
        }
    }
}
