using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Averagers;

/// <summary>Exports <see cref="NoAverager"/>.</summary>
[Export(typeof(IAveragerPlugin))]
[Plugin("none", "No averaging: sample from the live generator")]
public sealed class NoAveragerPlugin : IAveragerPlugin
{
    /// <inheritdoc />
    public IWeightAverager Create(PluginOptions options) => new NoAverager();
}
