using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using DogGan.Contracts.Plugins;
using DogGan.Plugins.Architectures;
using DogGan.Plugins.Averagers;
using DogGan.Plugins.Losses;

namespace DogGan.Tests.Plugins;

public sealed class PluginCompositionTests
{
    private static readonly Assembly[] PluginAssemblies =
    [
        typeof(HardMarginLossPlugin).Assembly,
        typeof(EmaAveragerPlugin).Assembly,
        typeof(DcganArchitecturePlugin).Assembly,
    ];

    private static CompositionHost Compose() =>
        new ContainerConfiguration().WithAssemblies(PluginAssemblies).CreateContainer();

    private static Dictionary<string, string> Options(PluginMetadata metadata)
    {
        string[] names = metadata.OptionName ?? [];
        string[] defaults = metadata.OptionDefault ?? [];
        Assert.Equal(names.Length, defaults.Length);
        Assert.Equal(names.Length, (metadata.OptionDescription ?? []).Length);
        return names.Zip(defaults).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static Dictionary<string, Dictionary<string, string>> Exports<T>(CompositionHost container) =>
        container.GetExports<Lazy<T, PluginMetadata>>()
            .ToDictionary(e => e.Metadata.Name, e => Options(e.Metadata), StringComparer.Ordinal);

    [Fact]
    public void ContainerOverPluginAssemblies_ExportsExpectedNamesWithOptionDefaults()
    {
        using CompositionHost container = Compose();

        var losses = Exports<ILossPlugin>(container);
        var averagers = Exports<IAveragerPlugin>(container);
        var architectures = Exports<IArchitecturePlugin>(container);

        Assert.Equal(["bce", "hard-margin"], losses.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ema", "none", "swa"], averagers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["dcgan", "dcgan-classic"], architectures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<string, string> { ["margin"] = "0.8", ["realLabel"] = "0.95", ["fakeLabel"] = "0.0" },
            losses["hard-margin"]);
        Assert.Equal(new Dictionary<string, string> { ["realLabel"] = "1.0" }, losses["bce"]);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["beta"] = "0.9", ["bumpEpochs"] = "[200, 300, 400]", ["bumpFactor"] = "0.9", ["bnBatches"] = "32",
            },
            averagers["ema"]);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["startEpoch"] = "310", ["updateEvery"] = "\"step\"", ["bnBatches"] = "32",
            },
            averagers["swa"]);
        Assert.Empty(averagers["none"]);
        Assert.Equal(
            new Dictionary<string, string> { ["ch"] = "48", ["nz"] = "256", ["splitBatchNorm"] = "true" },
            architectures["dcgan"]);
        Assert.Equal(
            new Dictionary<string, string> { ["ch"] = "64", ["nz"] = "100" }, architectures["dcgan-classic"]);
    }

    [Fact]
    public void ContainerOverPluginAssemblies_EveryExportCreatesItsComponentFromDefaults()
    {
        using CompositionHost container = Compose();
        foreach (Lazy<IArchitecturePlugin, PluginMetadata> export in
                 container.GetExports<Lazy<IArchitecturePlugin, PluginMetadata>>())
        {
            IGanArchitecture architecture = export.Value.Create(FromMetadata(export.Metadata));
            Assert.True(architecture.LatentSize > 0, export.Metadata.Name);
        }

        foreach (Lazy<IAveragerPlugin, PluginMetadata> export in
                 container.GetExports<Lazy<IAveragerPlugin, PluginMetadata>>())
        {
            using IWeightAverager averager = export.Value.Create(FromMetadata(export.Metadata));
            Assert.Equal(export.Metadata.Name, averager.Name);
        }

        foreach (Lazy<ILossPlugin, PluginMetadata> export in container.GetExports<Lazy<ILossPlugin, PluginMetadata>>())
        {
            Assert.NotNull(export.Value.Create(FromMetadata(export.Metadata)));
        }
    }

    [Fact]
    public void Bug_SingleOptionPlugin_ComposesWithOneElementOptionArrays()
    {
        // MEF hands a repeatable attribute used once as a plain string; the metadata view used to
        // declare string[] properties only, and composing bce failed with an invalid cast.
        using CompositionHost container = Compose();

        PluginMetadata bce = container.GetExports<Lazy<ILossPlugin, PluginMetadata>>()
            .Single(e => e.Metadata.Name == "bce").Metadata;

        Assert.Equal(["realLabel"], bce.OptionName!);
        Assert.Equal(["1.0"], bce.OptionDefault!);
        Assert.Single(bce.OptionDescription!);
        Assert.False(string.IsNullOrWhiteSpace(bce.Description));
    }

    private static PluginOptions FromMetadata(PluginMetadata metadata) =>
        PluginOptions.FromJson(
            metadata.Name,
            "{" + string.Join(", ", Options(metadata).Select(o => $"\"{o.Key}\": {o.Value}")) + "}");
}
