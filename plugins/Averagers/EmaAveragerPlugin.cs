using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Averagers;

/// <summary>Exports <see cref="EmaAverager"/>, the recipe's shadow generator.</summary>
[Export(typeof(IAveragerPlugin))]
[Plugin("ema", "Exponential moving average of G's parameters after every G step (the recipe's)")]
[PluginOption("beta", "0.9", "Decay b at epoch 0: shadow = b * shadow + (1 - b) * G")]
[PluginOption("bumpEpochs", "[200, 300, 400]", "Zero-based epochs at which b becomes b + bumpFactor * (1 - b)")]
[PluginOption("bumpFactor", "0.9", "Share of the distance to 1 that each bump closes")]
[PluginOption("bnBatches", "32", "Latent batches to re-estimate the shadow's BatchNorm stats; 0 keeps them")]
public sealed class EmaAveragerPlugin : IAveragerPlugin
{
    /// <inheritdoc />
    public IWeightAverager Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EmaAverager(
            options.GetDouble("beta", 0, 1),
            options.GetInt32Array("bumpEpochs", 0),
            options.GetDouble("bumpFactor", 0, 1),
            options.GetInt32("bnBatches", 0, 100_000));
    }
}
