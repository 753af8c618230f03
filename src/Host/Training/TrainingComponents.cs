using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Host.Manifests;
using static TorchSharp.torch;

namespace DogGan.Host.Training;

/// <summary>
/// The components of one run, created from its manifest. Disposing them disposes the
/// averager's tensors; the data stay their preparer's to dispose.
/// </summary>
internal sealed record TrainingComponents(
    IGanArchitecture Architecture,
    IGanLoss Loss,
    IWeightAverager Averager,
    PreparedData Data,
    Device Device) : IDisposable
{
    /// <summary>The manifest's architecture, loss and averager for a run on <paramref name="data"/>.</summary>
    public static TrainingComponents Create(ExperimentManifest manifest, PreparedData data, Device device)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IWeightAverager averager = manifest.Averager.Create<IWeightAverager>();
        try
        {
            return new TrainingComponents(manifest.Architecture.Create<IGanArchitecture>(),
                manifest.Loss.Create<IGanLoss>(), averager, data, device);
        }
        catch
        {
            averager.Dispose();
            throw;
        }
    }

    public void Dispose() => Averager.Dispose();
}
