using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host.Manifests;
using DogGan.Host.Plugins;
using DogGan.Host.Store;
using DogGan.Host.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Scoring;

/// <summary>
/// The averaged generator of a recorded run, rebuilt from its manifest and its last
/// checkpoint and made ready for sampling, on the CPU.
/// </summary>
/// <remarks>
/// The architecture comes from the manifest recorded in the run's first event, resolved
/// against today's plugin catalog: a plugin whose structure changed since the run fails the
/// checkpoint load by name rather than loading silently. The averager re-estimates its
/// BatchNorm statistics (when it does that) from latent batches of its own seeded generator,
/// so the same seed gives the same sampler.
/// </remarks>
internal sealed class RunGenerator : IDisposable
{
    private readonly Module<Tensor, Tensor> _generator;
    private readonly Module<Tensor, int, Tensor> _discriminator;
    private readonly IWeightAverager _averager;

    private RunGenerator(
        Guid runId,
        int epoch,
        string checkpointPath,
        int latentSize,
        Module<Tensor, Tensor> generator,
        Module<Tensor, int, Tensor> discriminator,
        IWeightAverager averager,
        Module<Tensor, Tensor> sampler)
    {
        RunId = runId;
        Epoch = epoch;
        CheckpointPath = checkpointPath;
        LatentSize = latentSize;
        _generator = generator;
        _discriminator = discriminator;
        _averager = averager;
        Sampler = sampler;
    }

    public Guid RunId { get; }

    /// <summary>The epoch of the checkpoint loaded.</summary>
    public int Epoch { get; }

    public string CheckpointPath { get; }

    public int LatentSize { get; }

    /// <summary>The averaged generator in evaluation mode; owned by this object.</summary>
    public Module<Tensor, Tensor> Sampler { get; }

    /// <summary>Finds the run, verifies its last checkpoint against the recorded hash and loads it.</summary>
    /// <param name="store">The store that holds the run.</param>
    /// <param name="idOrPrefix">The run's id or a unique prefix of it.</param>
    /// <param name="catalog">Where the manifest's plugins are resolved.</param>
    /// <param name="batchNormSeed">Seeds the latent batches of BatchNorm re-estimation.</param>
    /// <param name="cancellationToken">Stops the store queries.</param>
    /// <exception cref="StoreException">No such run, or it has no checkpoint.</exception>
    /// <exception cref="DataException">The checkpoint is missing or its hash differs.</exception>
    public static async Task<RunGenerator> LoadAsync(
        RunStore store, string idOrPrefix, PluginCatalog catalog, long batchNormSeed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        RunSummary summary = await store.ResolveRunAsync(idOrPrefix, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RecordedEvent> events =
            await store.ReadStreamAsync(summary.Id, cancellationToken).ConfigureAwait(false);
        ExperimentStarted started = events.Select(e => e.Data).OfType<ExperimentStarted>().FirstOrDefault()
            ?? throw new StoreException($"run {summary.Id} has no start event; it cannot be sampled");
        CheckpointSaved saved = events.Select(e => e.Data).OfType<CheckpointSaved>().LastOrDefault()
            ?? throw new StoreException(
                $"run {summary.Id} saved no checkpoint (it stopped before its first); train it for an epoch or more");
        string path = Path.Combine(started.RunFolder, saved.Path);
        Verify(path, saved, summary.Id);

        ExperimentManifest manifest = ManifestReader.Parse(started.Manifest, started.ManifestPath, catalog,
            ManifestOverrides.None);
        return Build(summary.Id, path, manifest, batchNormSeed);
    }

    /// <summary>Images for a batch of latent vectors: (N, 3, 64, 64) in [-1, 1].</summary>
    public Tensor Generate(Tensor latent)
    {
        using (no_grad())
        {
            return Sampler.call(latent);
        }
    }

    public void Dispose()
    {
        // The averager owns the averaged twin; for "none" the sampler is the live generator.
        _averager.Dispose();
        _generator.Dispose();
        _discriminator.Dispose();
    }

    private static void Verify(string path, CheckpointSaved saved, Guid runId)
    {
        if (!File.Exists(path))
        {
            throw new DataException(
                $"{path}: the last checkpoint of run {runId} (epoch {saved.Epoch}) is missing; restore the run folder");
        }

        string actual = Checkpoint.Sha256Of(path);
        if (!string.Equals(actual, saved.Sha256, StringComparison.Ordinal))
        {
            throw new DataException(
                $"{path}: SHA-256 {actual[..12]}... differs from the recorded {saved.Sha256[..12]}...; "
                + "the file changed after it was saved, so it is not the run's checkpoint");
        }
    }

    private static RunGenerator Build(Guid runId, string path, ExperimentManifest manifest, long batchNormSeed)
    {
        IGanArchitecture architecture = manifest.Architecture.Create<IGanArchitecture>();
        IWeightAverager averager = manifest.Averager.Create<IWeightAverager>();
        Module<Tensor, Tensor> generator = architecture.CreateGenerator();
        Module<Tensor, int, Tensor> discriminator = architecture.CreateDiscriminator();
        try
        {
            (double lr, double beta1, double beta2) = (manifest.Optimizer.LearningRate, manifest.Optimizer.Beta1,
                manifest.Optimizer.Beta2);
            using Adam generatorOptimizer = optim.Adam(generator.parameters(), lr, beta1, beta2);
            using Adam discriminatorOptimizer = optim.Adam(discriminator.parameters(), lr, beta1, beta2);
            averager.Start(generator, architecture.CreateGenerator);
            CheckpointHeader header = Checkpoint.Restore(path, generator, discriminator, generatorOptimizer,
                discriminatorOptimizer, averager, restoreRandomState: false);

            int latent = architecture.LatentSize;
            int batch = manifest.Training.BatchSize;
            using var batchNormGenerator = new Generator((ulong)batchNormSeed);
            Module<Tensor, Tensor> sampler = averager.PrepareForSampling(generator,
                () => randn([batch, latent, 1, 1], generator: batchNormGenerator));
            sampler.eval();
            return new RunGenerator(runId, header.Epoch, path, latent, generator, discriminator, averager, sampler);
        }
        catch
        {
            averager.Dispose();
            generator.Dispose();
            discriminator.Dispose();
            throw;
        }
    }
}
