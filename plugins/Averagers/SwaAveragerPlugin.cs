using System.Composition;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Averagers;

/// <summary>Exports <see cref="SwaAverager"/>.</summary>
[Export(typeof(IAveragerPlugin))]
[Plugin("swa", "Equal-weight average of G's parameters from a start epoch, BatchNorm re-estimated")]
[PluginOption("startEpoch", "310", "Zero-based epoch from which G is averaged (310: the second half of 620)")]
[PluginOption("updateEvery", "\"step\"", "Fold G in after every G step (\"step\") or once per epoch (\"epoch\")")]
[PluginOption("bnBatches", "32", "Latent batches to re-estimate the average's BatchNorm stats before sampling")]
public sealed class SwaAveragerPlugin : IAveragerPlugin
{
    /// <inheritdoc />
    public IWeightAverager Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string every = options.GetString("updateEvery");
        SwaGranularity granularity = every switch
        {
            "step" => SwaGranularity.Step,
            "epoch" => SwaGranularity.Epoch,
            _ => throw new ManifestException(
                $"{options.JsonPath}.updateEvery: \"{every}\" is not valid for plugin '{options.PluginName}'; "
                + "expected \"step\" or \"epoch\""),
        };
        // Without BatchNorm re-estimation the average would sample with the live G's statistics.
        return new SwaAverager(
            options.GetInt32("startEpoch", 0), granularity, options.GetInt32("bnBatches", 1, 100_000));
    }
}
