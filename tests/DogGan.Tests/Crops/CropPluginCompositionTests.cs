using System.Composition;
using System.Composition.Hosting;
using DogGan.Contracts.Plugins;
using DogGan.Plugins.Crops;

namespace DogGan.Tests.Crops;

/// <summary>
/// A real MEF container over the crops assembly: the export attributes and the metadata view
/// must work as the host's catalog will use them.
/// </summary>
public sealed class CropPluginCompositionTests
{
    [Fact]
    public void GetExports_CropsAssembly_ExactlyTheFiveCropPluginsByName()
    {
        using CompositionHost container = new ContainerConfiguration()
            .WithAssembly(typeof(TopLeftCropPlugin).Assembly)
            .CreateContainer();

        var exports = container.GetExports<ExportFactory<ICropPlugin, PluginMetadata>>().ToList();

        Assert.Equal(
            ["centred-context", "full-image", "padded-box", "top-left", "top-right"],
            exports.Select(e => e.Metadata.Name).Order(StringComparer.Ordinal));
        foreach (ExportFactory<ICropPlugin, PluginMetadata> export in exports)
        {
            Assert.False(string.IsNullOrWhiteSpace(export.Metadata.Description), export.Metadata.Name);
            Assert.Null(export.Metadata.OptionName);
            using Export<ICropPlugin> plugin = export.CreateExport();
            Assert.NotNull(plugin.Value.Create(PluginOptions.Empty(export.Metadata.Name)));
        }
    }

    [Fact]
    public void GetExports_RepeatedPluginOptionAttributes_ArriveAsParallelArraysInOrder()
    {
        using CompositionHost container = new ContainerConfiguration()
            .WithParts(typeof(TwoOptionCropPlugin), typeof(OneOptionCropPlugin))
            .CreateContainer();

        var metadata = container.GetExports<Lazy<ICropPlugin, PluginMetadata>>()
            .Select(e => e.Metadata)
            .ToDictionary(m => m.Name);

        PluginMetadata two = metadata["two-options"];
        Assert.NotNull(two.OptionName);
        Assert.NotNull(two.OptionDefault);
        Assert.NotNull(two.OptionDescription);
        Assert.Equal(["alpha", "beta"], two.OptionName);
        Assert.Equal(["0.5", "[1, 2]"], two.OptionDefault);
        Assert.Equal(["the first", "the second"], two.OptionDescription);

        PluginMetadata one = metadata["one-option"];
        Assert.NotNull(one.OptionName);
        Assert.NotNull(one.OptionDefault);
        Assert.NotNull(one.OptionDescription);
        Assert.Equal(["gamma"], one.OptionName);
        Assert.Equal(["true"], one.OptionDefault);
        Assert.Equal(["the only one"], one.OptionDescription);
    }
}

[Export(typeof(ICropPlugin))]
[Plugin("two-options", "test part with two options")]
[PluginOption("alpha", "0.5", "the first")]
[PluginOption("beta", "[1, 2]", "the second")]
internal sealed class TwoOptionCropPlugin : ICropPlugin
{
    public ICropStrategy Create(PluginOptions options) => throw new NotSupportedException("metadata only");
}

[Export(typeof(ICropPlugin))]
[Plugin("one-option", "test part with one option")]
[PluginOption("gamma", "true", "the only one")]
internal sealed class OneOptionCropPlugin : ICropPlugin
{
    public ICropStrategy Create(PluginOptions options) => throw new NotSupportedException("metadata only");
}
