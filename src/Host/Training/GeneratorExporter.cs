using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Plugins;
using DogGan.Host.Store;
using Mediator;
using Microsoft.Extensions.Logging;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Training;

/// <summary>
/// Handles <see cref="ExportRun"/>: loads a run's last checkpoint (its hash checked against the
/// stream), prepares the averaged generator exactly as the run's sample grids do (BatchNorm
/// statistics re-estimated on the same latent batches), and writes its state_dict in
/// PyTorch's own file format through TorchSharp.PyBridge: <c>torch.load(path)</c> in Python
/// gives a dict of tensors named as the architecture plugin names its modules.
/// </summary>
internal sealed class GeneratorExporter(ILoggerFactory loggers, ILogger<GeneratorExporter> logger)
    : ICommandHandler<ExportRun, ExportOutcome>
{
    public static readonly string[] Formats = ["pytorch"];

    public async ValueTask<ExportOutcome> Handle(ExportRun command, CancellationToken cancellationToken)
    {
        if (!Formats.Contains(command.Format))
        {
            throw new ManifestException(
                $"--format: unknown export format '{command.Format}'; available: {string.Join(", ", Formats)}");
        }

        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(command.Store, command.Schema),
            cancellationToken: cancellationToken);
        RunSummary summary = await store.ResolveRunAsync(command.Run, cancellationToken);
        ResumePlan plan = ResumePlan.Read(summary.Id, await store.ReadStreamAsync(summary.Id, cancellationToken));
        ExperimentStarted started = plan.Started;
        CheckpointSaved checkpoint = plan.Checkpoint;
        string checkpointPath = Path.Combine(started.RunFolder, checkpoint.Path);
        Checkpoint.Verify(checkpointPath, checkpoint.Sha256);

        PluginCatalog catalog = PluginCatalog.Load(PluginCatalog.DefaultFolders(command.PluginFolders),
            loggers.CreateLogger<PluginCatalog>());
        // Exporting runs on the CPU whatever the run trained on: the file is read anywhere.
        ExperimentManifest manifest = ManifestReader.Parse(started.Manifest,
            Path.Combine(started.RunFolder, "manifest.json"), catalog,
            new ManifestOverrides(started.Data.Folder, Device: "cpu"));
        var architecture = manifest.Architecture.Create<IGanArchitecture>();
        using IWeightAverager averager = manifest.Averager.Create<IWeightAverager>();

        using Module<Tensor, Tensor> generator = architecture.CreateGenerator();
        using Module<Tensor, int, Tensor> discriminator = architecture.CreateDiscriminator();
        // Restoring needs optimisers of the same shape; their state is read and dropped.
        using Adam generatorOptimizer = optim.Adam(generator.parameters());
        using Adam discriminatorOptimizer = optim.Adam(discriminator.parameters());
        averager.Start(generator, architecture.CreateGenerator);
        Checkpoint.Restore(checkpointPath, generator, discriminator, generatorOptimizer, discriminatorOptimizer,
            averager, restoreRandomState: false);

        Module<Tensor, Tensor> averaged;
        using (var batchNormGenerator = new Generator((ulong)Trainer.SamplingSeed(started.Seed, checkpoint.Epoch)))
        {
            int batchSize = manifest.Training.BatchSize;
            int latent = architecture.LatentSize;
            averaged = averager.PrepareForSampling(generator,
                () => randn([batchSize, latent, 1, 1], generator: batchNormGenerator));
        }

        string output = Path.GetFullPath(command.OutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        string temporary = output + ".partial";
        averaged.save_py(temporary);
        File.Move(temporary, output, overwrite: true);
        List<string> names = averaged.state_dict().Keys.ToList();
        logger.LogInformation("Exported the {Averager} generator of run {RunId} at epoch {Epoch}: {Count} tensors "
            + "to {Path}", averager.Name, summary.Id, checkpoint.Epoch, names.Count, output);
        return new ExportOutcome(summary.Id, output, checkpoint.Epoch, names);
    }
}
