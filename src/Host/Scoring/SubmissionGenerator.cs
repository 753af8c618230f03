using System.Diagnostics;
using DogGan.Contracts.Errors;
using DogGan.Host.Plugins;
using DogGan.Host.Store;
using DogGan.Host.Training;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DogGan.Host.Scoring;

/// <summary>Handles <see cref="GenerateSubmission"/>.</summary>
internal sealed class SubmissionGenerator(ILoggerFactory loggers, ILogger<SubmissionGenerator> logger)
    : ICommandHandler<GenerateSubmission, SubmissionWritten>
{
    /// <summary>The most images one call writes; ten times the competition's count.</summary>
    public const int MaxCount = 100_000;

    public async ValueTask<SubmissionWritten> Handle(GenerateSubmission command, CancellationToken cancellationToken)
    {
        if (command.Count is < 1 or > MaxCount)
        {
            throw new ManifestException(
                $"--count: {command.Count} is not valid; give 1 to {MaxCount} (the competition takes 10000)");
        }

        if (command.BatchSize is < 1 or > 10_000)
        {
            throw new ManifestException($"--batch: {command.BatchSize} is not valid; give 1 to 10000");
        }

        PluginCatalog catalog = PluginCatalog.Load(PluginCatalog.DefaultFolders(command.PluginFolders),
            loggers.CreateLogger<PluginCatalog>());
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(command.Store, command.Schema),
            cancellationToken: cancellationToken);
        var watch = Stopwatch.StartNew();
        using RunGenerator run = await RunGenerator.LoadAsync(store, command.Run, catalog,
            BatchNormSeed(command.Seed), cancellationToken);
        logger.LogInformation("Generating {Count} images from run {RunId}, epoch {Epoch} ({Checkpoint}), seed {Seed}",
            command.Count, run.RunId, run.Epoch, run.CheckpointPath, command.Seed);
        SubmissionWriter.Write(command.OutputPath, command.Count, run.LatentSize, run.Generate, command.Seed,
            command.BatchSize, cancellationToken);
        string path = Path.GetFullPath(command.OutputPath);
        return new SubmissionWritten(run.RunId, run.Epoch, command.Count, path, Checkpoint.Sha256Of(path),
            new FileInfo(path).Length, watch.Elapsed.TotalSeconds);
    }

    // A stream of its own, so re-estimating BatchNorm draws no latent vector the images use.
    internal static long BatchNormSeed(long seed) => seed ^ 0x0B47_C40E;
}
