using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Losses;

/// <summary>Exports <see cref="BceLoss"/>.</summary>
[Export(typeof(ILossPlugin))]
[Plugin("bce", "Non-saturating GAN loss: binary cross-entropy on logits")]
[PluginOption("realLabel", "1.0", "Target of reals in the D step; below 1 is one-sided smoothing")]
public sealed class BceLossPlugin : ILossPlugin
{
    /// <inheritdoc />
    public IGanLoss Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BceLoss(options.GetDouble("realLabel", 0, 1));
    }
}
