using TorchSharp;
using static TorchSharp.torch.nn;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Keeps an average of the generator's weights during training (EMA, SWA, or none). The host
/// calls <see cref="Start"/> once before the first step, <see cref="Update"/> after every
/// generator step, <see cref="Snapshot"/> at the end of every epoch, and
/// <see cref="PrepareForSampling"/> before rendering samples or saving the averaged generator.
/// </summary>
public interface IWeightAverager : IDisposable
{
    /// <summary>Short name shown in logs and events.</summary>
    string Name { get; }

    /// <summary>Begins averaging.</summary>
    /// <param name="generator">The generator being trained.</param>
    /// <param name="createTwin">Creates an untrained generator with the same structure, to hold
    /// the average.</param>
    void Start(Module<torch.Tensor, torch.Tensor> generator, Func<Module<torch.Tensor, torch.Tensor>> createTwin);

    /// <summary>Folds the generator's current parameters into the average.</summary>
    /// <param name="generator">The generator just stepped.</param>
    /// <param name="epochIndex">Zero-based index of the epoch in progress (the recipe's schedules
    /// count from 0).</param>
    void Update(Module<torch.Tensor, torch.Tensor> generator, int epochIndex);

    /// <summary>Describes the average at the end of an epoch, for the event history.</summary>
    AveragerSnapshot Snapshot(int epochIndex);

    /// <summary>
    /// The generator to sample from: the average, made ready for evaluation (averagers whose
    /// BatchNorm statistics no longer match their weights recompute them here from generator
    /// batches drawn through <paramref name="latentBatch"/>), or the live generator for
    /// <c>none</c>. The module is in evaluation mode when returned; the host does not dispose it.
    /// </summary>
    /// <param name="generator">The generator being trained.</param>
    /// <param name="latentBatch">Draws one batch of latent vectors for BatchNorm re-estimation.</param>
    Module<torch.Tensor, torch.Tensor> PrepareForSampling(
        Module<torch.Tensor, torch.Tensor> generator, Func<torch.Tensor> latentBatch);

    /// <summary>The averaged parameters and buffers by name, for checkpoints (empty for <c>none</c>).</summary>
    IReadOnlyDictionary<string, torch.Tensor> State();

    /// <summary>Restores what <see cref="State"/> returned, plus the counters in <paramref name="snapshot"/>.</summary>
    void Restore(IReadOnlyDictionary<string, torch.Tensor> state, AveragerSnapshot snapshot);
}

/// <summary>The state of an average at the end of an epoch.</summary>
/// <param name="Averager">The averager's name.</param>
/// <param name="Active">Whether averaging has begun (SWA waits for its start epoch).</param>
/// <param name="Beta">The EMA decay in force, when the averager has one.</param>
/// <param name="Count">How many generator states the average holds, when it counts them.</param>
public sealed record AveragerSnapshot(string Averager, bool Active, double? Beta, long? Count);

/// <summary>The export contract of an averager plugin: <c>[Export(typeof(IAveragerPlugin))]</c>.</summary>
public interface IAveragerPlugin : IPluginFactory<IWeightAverager>
{
}
