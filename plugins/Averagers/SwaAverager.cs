using DogGan.Contracts.Plugins;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DogGan.Plugins.Averagers;

/// <summary>
/// Stochastic weight averaging (Izmailov et al., 2018): an equal-weight running average of the
/// generator's parameters from a start epoch on, with its BatchNorm statistics re-estimated
/// before use. Before the first state is folded in, the average does not exist:
/// <see cref="Snapshot"/> says Active = false and <see cref="PrepareForSampling"/> returns the
/// live generator in eval mode (the host switches it back to training mode, as for
/// <c>none</c>).
/// </summary>
/// <remarks>
/// The running mean is kept in the generator's precision: avg = n/(n+1) * avg + 1/(n+1) * G.
/// In float32 each fold rounds at about 1e-7 relative; over the recipe's ~200,000 steps the
/// errors mostly cancel (about 5e-5 relative if they add like a random walk, 2e-2 at worst).
/// A float64 accumulator would remove that at the cost of twice the average's memory.
/// </remarks>
public sealed class SwaAverager : IWeightAverager
{
    private nn.Module<Tensor, Tensor>? _average;
    private (Parameter Average, Parameter Source)[] _pairs = [];
    private long _count;
    private int _lastFoldedEpoch = -1;

    /// <summary>Creates the averager; the plugin has range-checked every value.</summary>
    /// <param name="startEpoch">The zero-based epoch whose G states are the first averaged.</param>
    /// <param name="granularity">When G is folded in.</param>
    /// <param name="batchNormBatches">Latent batches for re-estimating the BatchNorm statistics.</param>
    public SwaAverager(int startEpoch, SwaGranularity granularity, int batchNormBatches)
    {
        StartEpoch = startEpoch;
        Granularity = granularity;
        BatchNormBatches = batchNormBatches;
    }

    /// <inheritdoc />
    public string Name => "swa";

    /// <summary>The zero-based epoch whose G states are the first averaged.</summary>
    public int StartEpoch { get; }

    /// <summary>When G is folded in.</summary>
    public SwaGranularity Granularity { get; }

    /// <summary>Latent batches used to re-estimate BatchNorm statistics before sampling.</summary>
    public int BatchNormBatches { get; }

    /// <summary>How many generator states the average holds.</summary>
    public long Count => _count;

    /// <summary>The averaged generator, once started; its values mean nothing while
    /// <see cref="Count"/> is 0.</summary>
    public nn.Module<Tensor, Tensor>? Average => _average;

    /// <inheritdoc />
    public void Start(nn.Module<Tensor, Tensor> generator, Func<nn.Module<Tensor, Tensor>> createTwin)
    {
        _average?.Dispose();
        _average = GeneratorState.CreateCopy(generator, createTwin);
        _pairs = GeneratorState.PairParameters(_average, generator);
        _count = 0;
        _lastFoldedEpoch = -1;
    }

    /// <inheritdoc />
    public void Update(nn.Module<Tensor, Tensor> generator, int epochIndex)
    {
        RequireStarted();
        if (epochIndex < StartEpoch)
        {
            return;
        }

        if (Granularity == SwaGranularity.Epoch)
        {
            if (epochIndex == _lastFoldedEpoch)
            {
                return;
            }

            _lastFoldedEpoch = epochIndex;
        }

        // n/(n+1) of the old mean plus 1/(n+1) of the new state; the first fold is a copy.
        double keep = _count / (double)(_count + 1);
        foreach ((Parameter average, Parameter source) in _pairs)
        {
            GeneratorState.Blend(average, source, keep);
        }

        _count++;
    }

    /// <inheritdoc />
    public AveragerSnapshot Snapshot(int epochIndex) => new(Name, _count > 0, null, _count);

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> PrepareForSampling(
        nn.Module<Tensor, Tensor> generator, Func<Tensor> latentBatch)
    {
        ArgumentNullException.ThrowIfNull(generator);
        nn.Module<Tensor, Tensor> average = RequireStarted();
        if (_count == 0)
        {
            generator.eval();
            return generator;
        }

        GeneratorState.RecomputeBatchNorm(average, latentBatch, BatchNormBatches);
        return average;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State() => GeneratorState.Tensors(RequireStarted());

    /// <inheritdoc />
    public void Restore(IReadOnlyDictionary<string, Tensor> state, AveragerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        GeneratorState.Restore(RequireStarted(), state, Name);
        _count = snapshot.Count ?? 0;
        // Checkpoints are taken at epoch ends, so the next Update starts a new epoch.
        _lastFoldedEpoch = -1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _average?.Dispose();
        _average = null;
        _pairs = [];
    }

    private nn.Module<Tensor, Tensor> RequireStarted() =>
        _average ?? throw new InvalidOperationException("the SWA averager is used before Start");
}
