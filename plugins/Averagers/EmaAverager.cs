using DogGan.Contracts.Plugins;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DogGan.Plugins.Averagers;

/// <summary>
/// The recipe's exponential moving average of the generator's parameters ("shadow"): after
/// every G step shadow = b * shadow + (1 - b) * G, parameters only. The decay b is a pure
/// function of the epoch index (<see cref="BetaAt"/>), so a resumed run continues exactly.
/// </summary>
/// <remarks>
/// BatchNorm buffers: the recipe lets the shadow keep its own, but the shadow never runs in
/// training mode, so they would stay at the values copied at the start (mean 0, variance 1)
/// and eval-mode samples would be normalised with statistics unrelated to the averaged
/// weights. <see cref="PrepareForSampling"/> therefore re-estimates them from
/// <c>bnBatches</c> latent batches through the shadow, as SWA does; 0 keeps the buffers as
/// they are (the recipe read literally).
/// </remarks>
public sealed class EmaAverager : IWeightAverager
{
    private readonly int[] _bumpEpochs;
    private nn.Module<Tensor, Tensor>? _shadow;
    private (Parameter Average, Parameter Source)[] _pairs = [];
    private long _updates;

    /// <summary>Creates the averager; the plugin has range-checked every value.</summary>
    /// <param name="beta">The decay at epoch 0.</param>
    /// <param name="bumpEpochs">Zero-based epochs at whose start b becomes b + bumpFactor * (1 - b).</param>
    /// <param name="bumpFactor">How much of the remaining distance to 1 each bump closes.</param>
    /// <param name="batchNormBatches">Latent batches for re-estimating the shadow's BatchNorm
    /// statistics before sampling; 0 keeps them.</param>
    public EmaAverager(double beta, IEnumerable<int> bumpEpochs, double bumpFactor, int batchNormBatches)
    {
        ArgumentNullException.ThrowIfNull(bumpEpochs);
        Beta = beta;
        _bumpEpochs = bumpEpochs.Order().ToArray();
        BumpFactor = bumpFactor;
        BatchNormBatches = batchNormBatches;
    }

    /// <inheritdoc />
    public string Name => "ema";

    /// <summary>The decay at epoch 0.</summary>
    public double Beta { get; }

    /// <summary>The zero-based epochs at which the decay moves towards 1, in order.</summary>
    public IReadOnlyList<int> BumpEpochs => _bumpEpochs;

    /// <summary>How much of the remaining distance to 1 each bump closes.</summary>
    public double BumpFactor { get; }

    /// <summary>Latent batches used to re-estimate BatchNorm statistics before sampling.</summary>
    public int BatchNormBatches { get; }

    /// <summary>The shadow generator, once started.</summary>
    public nn.Module<Tensor, Tensor>? Shadow => _shadow;

    /// <summary>The decay in force during epoch <paramref name="epochIndex"/> (zero-based).</summary>
    public double BetaAt(int epochIndex)
    {
        double beta = Beta;
        foreach (int bump in _bumpEpochs)
        {
            if (epochIndex >= bump)
            {
                beta += BumpFactor * (1 - beta);
            }
        }

        return beta;
    }

    /// <inheritdoc />
    public void Start(nn.Module<Tensor, Tensor> generator, Func<nn.Module<Tensor, Tensor>> createTwin)
    {
        _shadow?.Dispose();
        _shadow = GeneratorState.CreateCopy(generator, createTwin);
        _pairs = GeneratorState.PairParameters(_shadow, generator);
        _updates = 0;
    }

    /// <inheritdoc />
    public void Update(nn.Module<Tensor, Tensor> generator, int epochIndex)
    {
        RequireStarted();
        double beta = BetaAt(epochIndex);
        foreach ((Parameter average, Parameter source) in _pairs)
        {
            GeneratorState.Blend(average, source, beta);
        }

        _updates++;
    }

    /// <inheritdoc />
    public AveragerSnapshot Snapshot(int epochIndex) =>
        new(Name, _shadow is not null, BetaAt(epochIndex), _updates);

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> PrepareForSampling(
        nn.Module<Tensor, Tensor> generator, Func<Tensor> latentBatch)
    {
        nn.Module<Tensor, Tensor> shadow = RequireStarted();
        GeneratorState.RecomputeBatchNorm(shadow, latentBatch, BatchNormBatches);
        return shadow;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State() => GeneratorState.Tensors(RequireStarted());

    /// <inheritdoc />
    public void Restore(IReadOnlyDictionary<string, Tensor> state, AveragerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        GeneratorState.Restore(RequireStarted(), state, Name);
        _updates = snapshot.Count ?? 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _shadow?.Dispose();
        _shadow = null;
        _pairs = [];
    }

    private nn.Module<Tensor, Tensor> RequireStarted() =>
        _shadow ?? throw new InvalidOperationException("the EMA averager is used before Start");
}
