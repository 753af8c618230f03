using DogGan.Contracts.Plugins;
using DogGan.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace DogGan.Tests.Plugins;

public sealed class PluginCatalogTests
{
    private static string BuiltIn => Path.Combine(AppContext.BaseDirectory, "plugins");

    private static string SamplePluginDll =>
        Path.Combine(AppContext.BaseDirectory, "sample-plugin", "DogGan.SamplePlugin.dll");

    [Fact]
    public void Load_BuiltInFolder_FindsEveryRecipeAndBaselinePlugin()
    {
        PluginCatalog catalog = PluginCatalog.Load([BuiltIn], NullLogger.Instance);

        Assert.Equal(["centred-context", "full-image", "padded-box", "top-left", "top-right"],
            catalog.Names(PluginKind.Crop));
        Assert.Equal(["bce", "hard-margin"], catalog.Names(PluginKind.Loss));
        Assert.Equal(["ema", "none", "swa"], catalog.Names(PluginKind.Averager));
        Assert.Equal(["dcgan", "dcgan-classic"], catalog.Names(PluginKind.Architecture));
        Assert.Empty(catalog.Problems);
        PluginDescriptor margin = catalog.Get(PluginKind.Loss, "hard-margin", "$.loss.plugin");
        Assert.Contains(margin.Options, o => o.Name == "margin" && o.DefaultJson == "0.8");
        Assert.Equal("DogGan.Plugins.Losses", margin.AssemblyName);
    }

    [Fact]
    public void Load_FolderWithForeignPluginAndJunk_LoadsThePluginAndReportsEachBadFileByName()
    {
        using var folder = new TempFolder("plugins");
        File.Copy(SamplePluginDll, folder.Combine("DogGan.SamplePlugin.dll"));
        File.WriteAllBytes(folder.Combine("garbage.dll"), [0x4d, 0x5a, 1, 2, 3, 4, 5, 6, 7, 8]);
        File.Copy(typeof(Xunit.FactAttribute).Assembly.Location, folder.Combine("xunit.core.dll"));

        PluginCatalog catalog = PluginCatalog.Load([BuiltIn, folder.Path], NullLogger.Instance);

        PluginDescriptor sample = catalog.Get(PluginKind.Loss, "sample-hinge", "$.loss.plugin");
        Assert.Equal("DogGan.SamplePlugin", sample.AssemblyName);
        Assert.StartsWith("3.1.4", sample.AssemblyVersion, StringComparison.Ordinal);
        Assert.Equal([new PluginOptionInfo("margin", "1.0", "Where the hinge bends")], sample.Options);
        Assert.Contains("hard-margin", catalog.Names(PluginKind.Loss));
        Assert.Equal(2, catalog.Problems.Count);
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("garbage.dll", StringComparison.Ordinal)
                                              && p.Reason == "not a .NET assembly");
        Assert.Contains(catalog.Problems, p => p.Path.EndsWith("xunit.core.dll", StringComparison.Ordinal)
                                              && p.Reason == "no DogGan plugin exports in it");

        // The foreign plugin is usable through the host's own contract types.
        var factory = (ILossPlugin)sample.CreateFactory();
        IGanLoss loss = factory.Create(PluginOptions.FromJson("sample-hinge", """{"margin": 1.0}"""));
        using torch.Tensor real = torch.tensor(new float[] { 2f, 0f });
        using torch.Tensor fake = torch.tensor(new float[] { -2f, 0.5f });
        using torch.Tensor value = loss.DiscriminatorLoss(real, fake);
        // relu(1 - [2, 0]).mean() + relu(1 + [-2, 0.5]).mean() = 0.5 + 0.75
        Assert.Equal(1.25f, value.item<float>(), 5);
    }

    [Fact]
    public void Load_SamePluginNameTwice_KeepsTheFirstAndSaysWhichWasShadowed()
    {
        using var first = new TempFolder("plugins-a");
        using var second = new TempFolder("plugins-b");
        File.Copy(SamplePluginDll, first.Combine("DogGan.SamplePlugin.dll"));
        File.Copy(SamplePluginDll, second.Combine("DogGan.SamplePlugin.dll"));

        PluginCatalog catalog = PluginCatalog.Load([first.Path, second.Path], NullLogger.Instance);

        Assert.StartsWith(first.Path, catalog.Get(PluginKind.Loss, "sample-hinge", "$").AssemblyPath,
            StringComparison.Ordinal);
        PluginLoadProblem problem = Assert.Single(catalog.Problems);
        Assert.Contains("already provided by", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownName_ListsTheChoices()
    {
        PluginCatalog catalog = PluginCatalog.Load([BuiltIn], NullLogger.Instance);

        var error = Assert.Throws<DogGan.Contracts.Errors.ManifestException>(
            () => catalog.Get(PluginKind.Loss, "hinj", "$.loss.plugin"));

        Assert.Equal("$.loss.plugin: unknown loss plugin 'hinj'; available: bce, hard-margin", error.Message);
    }
}
