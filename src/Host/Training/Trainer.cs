using System.Diagnostics;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Host.Messages;
using Mediator;
using Microsoft.Extensions.Logging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Training;

/// <summary>How a training loop ended.</summary>
internal enum TrainingEnd
{
    Completed,
    TimeLimit,
    Interrupted,
}

/// <summary>
/// The GAN training loop of the recipe: one discriminator step on [real, fake] in a single
/// forward pass, then one generator step reusing the same fakes, then the averager. It reads
/// top to bottom like the reference scripts it reproduces; everything around it (events,
/// progress, samples on disk) hangs off the notifications it publishes.
/// </summary>
internal sealed class Trainer(IMediator mediator, ILogger<Trainer> logger)
{
    public async Task<(TrainingEnd End, int LastEpoch)> TrainAsync(
        TrainingRun run,
        TrainingComponents parts,
        TrainingStart start,
        StopSignal stop,
        CancellationToken cancellationToken)
    {
        Manifests.ExperimentManifest manifest = run.Manifest;
        var watch = Stopwatch.StartNew();

        // ---- seed: every random draw of the run follows from this one number
        torch.random.manual_seed(run.Seed);
        int latent = parts.Architecture.LatentSize;
        int batchSize = manifest.Training.BatchSize;

        // ---- networks and optimisers, PyTorch's default initialisation
        using Module<Tensor, Tensor> generator = parts.Architecture.CreateGenerator();
        using Module<Tensor, int, Tensor> discriminator = parts.Architecture.CreateDiscriminator();
        generator.to(parts.Device);
        discriminator.to(parts.Device);
        (double lr, double beta1, double beta2) = (manifest.Optimizer.LearningRate, manifest.Optimizer.Beta1,
            manifest.Optimizer.Beta2);
        using Adam generatorOptimizer = optim.Adam(generator.parameters(), lr, beta1, beta2);
        using Adam discriminatorOptimizer = optim.Adam(discriminator.parameters(), lr, beta1, beta2);
        parts.Averager.Start(generator, () => parts.Architecture.CreateGenerator().to(parts.Device));

        // ---- resume: the checkpoint's state replaces all of the above, RNG state included
        if (start.CheckpointPath is { } checkpoint)
        {
            CheckpointHeader header = Checkpoint.Restore(Path.Combine(run.RunFolder, checkpoint), generator,
                discriminator, generatorOptimizer, discriminatorOptimizer, parts.Averager);
            logger.LogInformation("Loaded {Checkpoint} (epoch {Epoch}); training goes on from epoch {Next}",
                checkpoint, header.Epoch, start.FromEpoch + 1);
        }

        // ---- fixed noise for the sample grids, from its own generator so it never moves
        int grid = manifest.Outputs.SampleGrid;
        using Tensor fixedNoise = FixedNoise(run.Seed, grid, latent).to(parts.Device);

        var sampler = new BatchSampler(parts.Data, SamplerOptionsOf(manifest), run.Seed);
        if (sampler.BatchesPerEpoch == 0)
        {
            throw new Contracts.Errors.DataException(
                $"{manifest.Data.Folder}: {parts.Data.ImageCount} usable images give no full batch of {batchSize}; "
                + "lower training.batchSize or use more images");
        }

        var checkpoints = new Queue<(int Epoch, string Path)>(start.Checkpoints);
        int lastEpoch = start.FromEpoch;
        for (int epoch = start.FromEpoch + 1; epoch <= manifest.Training.Epochs; epoch++)
        {
            int epochIndex = epoch - 1;
            var epochWatch = Stopwatch.StartNew();
            await mediator.Publish(new EpochStarting(run, epoch, sampler.BatchesPerEpoch), cancellationToken);
            double sumD = 0, sumG = 0, sumReal = 0, sumFake = 0;
            int batches = 0;
            foreach (Tensor batch in sampler.Batches(epochIndex))
            {
                // One dispose scope per step: every intermediate tensor of the step is freed
                // here, not whenever the GC gets to it (which is what made memory grow).
                using (NewDisposeScope())
                {
                    Tensor real = batch.to(parts.Device);
                    // Drawn on the CPU from torch's global generator, whose state the checkpoint
                    // keeps, then moved: on CUDA too the noise stream survives a resume.
                    Tensor noise = randn([real.shape[0], latent, 1, 1]).to(parts.Device);
                    Tensor fake = generator.call(noise);

                    // ---- discriminator step: reals then fakes, one forward, split statistics
                    Tensor logits = discriminator.call(cat([real, fake.detach()], 0), 2);
                    Tensor[] halves = logits.split(real.shape[0], 0);
                    Tensor lossD = parts.Loss.DiscriminatorLoss(halves[0], halves[1]);
                    discriminatorOptimizer.zero_grad();
                    lossD.backward();
                    discriminatorOptimizer.step();

                    // ---- generator step: the same fakes, judged by the updated discriminator
                    Tensor lossG = parts.Loss.GeneratorLoss(discriminator.call(fake, 1));
                    generatorOptimizer.zero_grad();
                    lossG.backward();
                    generatorOptimizer.step();

                    // ---- weight averaging after every generator step
                    parts.Averager.Update(generator, epochIndex);

                    sumD += lossD.item<float>();
                    sumG += lossG.item<float>();
                    sumReal += sigmoid(halves[0]).mean().item<float>();
                    sumFake += sigmoid(halves[1]).mean().item<float>();
                }

                batch.Dispose();
                batches++;
                await mediator.Publish(new BatchCompleted(run, epoch, batches, sumD / batches, sumG / batches),
                    cancellationToken);
                if (stop.Now)
                {
                    // Say where a resume would start, or that none can: honest about what is lost.
                    string next = checkpoints.Count > 0
                        ? $"host resume starts again from the checkpoint of epoch {checkpoints.Last().Epoch}"
                        : "no checkpoint exists yet, so the run must be started again";
                    logger.LogWarning(
                        "Stopped during epoch {Epoch} after {Batches} batches; that partial epoch is not recorded; "
                        + "{Next}", epoch, batches, next);
                    return (TrainingEnd.Interrupted, lastEpoch);
                }
            }

            // ---- end of epoch: figures, snapshot, samples, checkpoint, then one durable save
            double seconds = epochWatch.Elapsed.TotalSeconds;
            AveragerSnapshot snapshot = parts.Averager.Snapshot(epochIndex);
            var stats = new EpochCompleted(epoch, batches, sumD / batches, sumG / batches, sumReal / batches,
                sumFake / batches, lr, lr, snapshot.Beta, snapshot.Count, seconds,
                batches * (double)batchSize / seconds, Environment.WorkingSet);
            var snapshotEvent = new AveragerSnapshotTaken(epoch, snapshot.Averager, snapshot.Active, snapshot.Beta,
                snapshot.Count, ParameterDistance(generator, parts.Averager));

            bool last = epoch == manifest.Training.Epochs;
            bool outOfTime = manifest.Training.TimeLimitSeconds is { } limit && watch.Elapsed.TotalSeconds >= limit;
            bool stopping = last || outOfTime || stop.AfterEpoch;
            using Tensor? samples = last || stopping || epoch % manifest.Outputs.SamplesEvery == 0
                ? Sample(generator, parts, fixedNoise, SamplingSeed(run.Seed, epoch), batchSize, latent)
                : null;

            // Not at a Ctrl-C stop: the user asked to stop, and a score with a real extractor takes a while.
            MetricRecorded? metric = parts.Scorer is { } scorer && scorer.IsDue(epoch, last || outOfTime)
                ? Score(generator, parts, scorer, SamplingSeed(run.Seed, epoch), batchSize, latent, epoch,
                    cancellationToken)
                : null;

            CheckpointSaved? saved = null;
            var removed = new List<CheckpointRemoved>();
            if (stopping || epoch % manifest.Outputs.CheckpointEvery == 0)
            {
                // TorchSharp's save walks state dicts and makes a handle per tensor; the scope frees
                // them now instead of whenever the finalizer runs.
                using (NewDisposeScope())
                {
                    saved = SaveCheckpoint(run, epoch, snapshot, generator, discriminator, generatorOptimizer,
                        discriminatorOptimizer, parts.Averager);
                }

                checkpoints.Enqueue((epoch, saved.Path));
                while (checkpoints.Count > manifest.Outputs.KeepCheckpoints)
                {
                    (int oldEpoch, string oldPath) = checkpoints.Dequeue();
                    removed.Add(new CheckpointRemoved(oldEpoch, oldPath));
                }
            }

            await mediator.Publish(new EpochEnded(run, stats, snapshotEvent, samples, grid, saved, removed, metric),
                cancellationToken);
            await run.Recorder.SaveAsync(cancellationToken);
            // Some tensor handles are made inside TorchSharp and plugins where no scope of ours
            // reaches; their native memory is freed only by finalizers, which a small managed
            // heap seldom triggers. One collection per epoch (milliseconds) settles them before
            // the freed pages go back to the system.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            NativeHeap.ReleaseFreeMemory();
            lastEpoch = epoch;
            run.LastCompletedEpoch = epoch;

            // Old checkpoints go only once the new one is recorded: a crash before the save
            // leaves the stream's last checkpoint on disk for a resume (and at worst a stale
            // file that nothing refers to).
            foreach (CheckpointRemoved old in removed)
            {
                File.Delete(Path.Combine(run.RunFolder, old.Path));
            }

            if (outOfTime && !last)
            {
                logger.LogInformation("Time limit of {Limit} s reached after epoch {Epoch}; stopping",
                    manifest.Training.TimeLimitSeconds, epoch);
                return (TrainingEnd.TimeLimit, lastEpoch);
            }

            if (stop.AfterEpoch && !last)
            {
                return (TrainingEnd.Interrupted, lastEpoch);
            }
        }

        return (TrainingEnd.Completed, lastEpoch);
    }

    private static SamplerOptions SamplerOptionsOf(Manifests.ExperimentManifest manifest) => new(
        BatchSize: manifest.Training.BatchSize,
        FlipProbability: manifest.Data.FlipProbability,
        RotationProbability: manifest.Data.RotateProbability,
        MaxRotationDegrees: manifest.Data.RotateDegrees);

    /// <summary>
    /// The seed of the latent batches that re-estimate the average's BatchNorm statistics
    /// before the samples of <paramref name="epoch"/>: its own stream, a pure function of the
    /// run's seed and the epoch, so that sampling never draws from the training stream (which
    /// would make a run's losses depend on how often it samples, and a resume inexact).
    /// </summary>
    internal static long SamplingSeed(long seed, int epoch) =>
        BatchSampler.EpochSeed(seed ^ 0x3C6E_F372_FE94_F82BL, epoch);

    /// <summary>The averaged generator on the fixed noise, as uint8 pixels on the CPU.</summary>
    internal static Tensor Sample(
        Module<Tensor, Tensor> generator,
        TrainingComponents parts,
        Tensor fixedNoise,
        long samplingSeed,
        int batchSize,
        int latent)
    {
        using (NewDisposeScope())
        using (var batchNormGenerator = new Generator((ulong)samplingSeed))
        {
            Module<Tensor, Tensor> averaged = parts.Averager.PrepareForSampling(generator,
                () => randn([batchSize, latent, 1, 1], generator: batchNormGenerator).to(parts.Device));
            using (no_grad())
            {
                Tensor pixels = ToPixels(averaged.call(fixedNoise));
                generator.train();
                return pixels.MoveToOuterDisposeScope();
            }
        }
    }

    /// <summary>
    /// FID/MiFID of the averaged generator, prepared as for the samples (the same BatchNorm seed,
    /// so an epoch that also samples re-estimates the same statistics), then back to training.
    /// </summary>
    private MetricRecorded Score(
        Module<Tensor, Tensor> generator,
        TrainingComponents parts,
        Scoring.EpochScorer scorer,
        long samplingSeed,
        int batchSize,
        int latent,
        int epoch,
        CancellationToken cancellationToken)
    {
        MetricRecorded metric;
        using (NewDisposeScope())
        using (var batchNormGenerator = new Generator((ulong)samplingSeed))
        {
            Module<Tensor, Tensor> averaged = parts.Averager.PrepareForSampling(generator,
                () => randn([batchSize, latent, 1, 1], generator: batchNormGenerator).to(parts.Device));
            try
            {
                metric = scorer.Score(averaged, parts.Device, epoch, cancellationToken);
            }
            finally
            {
                generator.train();
            }
        }

        logger.LogInformation(
            "Epoch {Epoch} score on {Images} images: FID {Fid:F3}, distance {Distance:F4}, MiFID {Mifid:F3} "
            + "({Extractor}{Label})", epoch, metric.Images, metric.Fid, metric.Distance, metric.Mifid,
            metric.Extractor, metric.Proxy ? ", PROXY features: comparable only with the same extractor" : "");
        return metric;
    }

    /// <summary>The latent vectors of a run's sample grids, on the CPU: the same at every epoch.</summary>
    internal static Tensor FixedNoise(long seed, int grid, int latent)
    {
        using var noiseGenerator = new Generator((ulong)seed ^ 0x5A3D_17E1UL);
        return randn([grid * grid, latent, 1, 1], generator: noiseGenerator);
    }

    /// <summary>Generator output in [-1, 1] as uint8 pixels on the CPU.</summary>
    internal static Tensor ToPixels(Tensor images) =>
        images.add(1).mul(127.5).round().clamp(0, 255).to(ScalarType.Byte).cpu();

    /// <summary>L2 distance between the averaged and the live generator's parameters.</summary>
    private static double ParameterDistance(Module<Tensor, Tensor> generator, IWeightAverager averager)
    {
        IReadOnlyDictionary<string, Tensor> state = averager.State();
        if (state.Count == 0)
        {
            return 0;
        }

        using (NewDisposeScope())
        using (no_grad())
        {
            double sum = 0;
            foreach ((string name, Parameter parameter) in generator.named_parameters())
            {
                if (state.TryGetValue(name, out Tensor? averaged))
                {
                    sum += (averaged - parameter).pow(2).sum().item<float>();
                }
            }

            return Math.Sqrt(sum);
        }
    }

    private CheckpointSaved SaveCheckpoint(
        TrainingRun run,
        int epoch,
        AveragerSnapshot snapshot,
        Module generator,
        Module discriminator,
        OptimizerHelper generatorOptimizer,
        OptimizerHelper discriminatorOptimizer,
        IWeightAverager averager)
    {
        string relative = Path.Combine("checkpoints", $"epoch-{epoch:D4}.ckpt");
        IReadOnlyDictionary<string, Tensor> averagerState = averager.State();
        var header = new CheckpointHeader(Checkpoint.FormatVersion, run.RunId, epoch, run.Seed,
            run.Manifest.SourceJson, snapshot, averagerState.Keys.Order(StringComparer.Ordinal).ToList(),
            DateTimeOffset.UtcNow);
        (string sha, long bytes) = Checkpoint.Save(Path.Combine(run.RunFolder, relative), header, generator,
            discriminator, generatorOptimizer, discriminatorOptimizer, averagerState);
        logger.LogDebug("Checkpoint {Path} ({Bytes} bytes, sha256 {Sha})", relative, bytes, sha);
        return new CheckpointSaved(epoch, relative, sha, bytes);
    }
}
