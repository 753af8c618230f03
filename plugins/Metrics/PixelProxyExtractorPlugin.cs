using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Metrics;

/// <summary>Exports <see cref="PixelProxyExtractor"/>, the extractor that needs no model file.</summary>
[Export(typeof(IFeatureExtractorPlugin))]
[Plugin("pixel-proxy",
    "PROXY: a fixed random projection of 16x16 pooled pixels; scores comparable only with each other")]
[PluginOption("width", "512", "Feature width (columns of the random projection)")]
[PluginOption("seed", "20190628", "Seed of the projection matrix")]
public sealed class PixelProxyExtractorPlugin : IFeatureExtractorPlugin
{
    /// <inheritdoc />
    public IFeatureExtractor Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PixelProxyExtractor(options.GetInt32("width", 2, 8192), options.GetInt32("seed", 0, int.MaxValue));
    }
}
