using System.Composition;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Losses;

/// <summary>Exports <see cref="HardMarginLoss"/>, the recipe's loss.</summary>
[Export(typeof(ILossPlugin))]
[Plugin("hard-margin", "BCE whose real-labelled terms stop at -log(margin): the recipe's loss")]
[PluginOption("margin", "0.8", "Probability on a real-labelled input above which it sends no gradient")]
[PluginOption("realLabel", "0.95", "Label of reals in the D step and of fakes in the G step")]
[PluginOption("fakeLabel", "0.0", "Label of fakes in the D step")]
public sealed class HardMarginLossPlugin : ILossPlugin
{
    /// <inheritdoc />
    public IGanLoss Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double margin = options.GetDouble("margin", 0, 1);
        if (margin is 0 or 1)
        {
            // log(0) and a floor of 0 both make the margin meaningless.
            throw new ManifestException(
                $"{options.JsonPath}.margin: {margin} is not valid for plugin '{options.PluginName}'; "
                + "expected a number strictly between 0 and 1");
        }

        return new HardMarginLoss(
            margin, options.GetDouble("realLabel", 0, 1), options.GetDouble("fakeLabel", 0, 1));
    }
}
