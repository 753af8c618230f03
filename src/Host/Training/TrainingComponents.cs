using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Host.Manifests;
using DogGan.Host.Scoring;
using static TorchSharp.torch;

namespace DogGan.Host.Training;

/// <summary>
/// The components of one run, created from its manifest; <see cref="Scorer"/> when the run
/// scores itself. Disposing them disposes the averager's tensors and the scorer; the data stay
/// their preparer's to dispose.
/// </summary>
internal sealed record TrainingComponents(
    IGanArchitecture Architecture,
    IGanLoss Loss,
    IWeightAverager Averager,
    PreparedData Data,
    Device Device,
    EpochScorer? Scorer = null) : IDisposable
{
    /// <summary>
    /// The manifest's architecture, loss and averager for a run on <paramref name="data"/>, and
    /// the scorer <paramref name="scoring"/> prepares for the architecture's latent size, if any.
    /// </summary>
    public static TrainingComponents Create(
        ExperimentManifest manifest, PreparedData data, Device device, Func<int, EpochScorer?>? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IWeightAverager averager = manifest.Averager.Create<IWeightAverager>();
        try
        {
            IGanArchitecture architecture = manifest.Architecture.Create<IGanArchitecture>();
            return new TrainingComponents(architecture, manifest.Loss.Create<IGanLoss>(), averager, data, device,
                scoring?.Invoke(architecture.LatentSize));
        }
        catch
        {
            averager.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Averager.Dispose();
        Scorer?.Dispose();
    }
}
