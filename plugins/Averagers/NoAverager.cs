using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Averagers;

/// <summary>
/// No averaging: samples come from the live generator. <see cref="PrepareForSampling"/> switches
/// that generator to eval mode and returns it; the host must switch it back to training mode
/// before the next step, since it is the module being trained.
/// </summary>
public sealed class NoAverager : IWeightAverager
{
    private static readonly IReadOnlyDictionary<string, Tensor> Nothing = new Dictionary<string, Tensor>();

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public void Start(nn.Module<Tensor, Tensor> generator, Func<nn.Module<Tensor, Tensor>> createTwin)
    {
    }

    /// <inheritdoc />
    public void Update(nn.Module<Tensor, Tensor> generator, int epochIndex)
    {
    }

    /// <inheritdoc />
    public AveragerSnapshot Snapshot(int epochIndex) => new(Name, false, null, null);

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> PrepareForSampling(
        nn.Module<Tensor, Tensor> generator, Func<Tensor> latentBatch)
    {
        ArgumentNullException.ThrowIfNull(generator);
        generator.eval();
        return generator;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> State() => Nothing;

    /// <inheritdoc />
    public void Restore(IReadOnlyDictionary<string, Tensor> state, AveragerSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
