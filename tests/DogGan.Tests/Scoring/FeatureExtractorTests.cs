using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using DogGan.Host.Plugins;
using DogGan.Plugins.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace DogGan.Tests.Scoring;

/// <summary>The Metrics plugins: the TorchScript loader on a real (tiny) TorchScript file, and the proxy.</summary>
public sealed class FeatureExtractorTests : IDisposable
{
    private readonly TempFolder _folder = new("features");

    /// <summary>Made by TestData/make_tiny_torchscript.py (Debian's python3-torch): pool to 4x4, linear to 8.</summary>
    internal static string TinyModel =>
        Path.Combine(RepoPaths.Root, "tests", "DogGan.Tests", "Scoring", "TestData", "tiny_extractor.pt");

    [Fact]
    public void TorchScriptLoad_TinyModel_GivesItsWidthAndTheSameRowsForTheSameImages()
    {
        using TorchScriptExtractor extractor = TorchScriptExtractor.Load(TinyModel, 8, 32, zeroToOne: false);
        using var generator = new torch.Generator(3);
        using torch.Tensor images = torch.rand([5, 3, 64, 64], generator: generator).mul(2).sub(1);

        using torch.Tensor first = extractor.Extract(images);
        using torch.Tensor second = extractor.Extract(images);
        using torch.Tensor one = extractor.Extract(images.narrow(0, 2, 1));

        Assert.Equal([5L, 8L], first.shape);
        Assert.True(first.equal(second).all().item<bool>());
        Assert.True(first.narrow(0, 2, 1).allclose(one, rtol: 1e-5, atol: 1e-6));
        Assert.False(extractor.IsProxy);
        Assert.Equal($"sha256:{Host.Training.Checkpoint.Sha256Of(TinyModel)}", extractor.Fingerprint);
    }

    [Fact]
    public void TorchScriptLoad_InputRangeZeroToOne_ChangesTheFeatures()
    {
        using TorchScriptExtractor symmetric = TorchScriptExtractor.Load(TinyModel, 8, 32, zeroToOne: false);
        using TorchScriptExtractor positive = TorchScriptExtractor.Load(TinyModel, 8, 32, zeroToOne: true);
        using torch.Tensor images = torch.full([2, 3, 64, 64], 0.5f);

        using torch.Tensor a = symmetric.Extract(images);
        using torch.Tensor b = positive.Extract(images);

        Assert.False(a.allclose(b));
    }

    [Fact]
    public void TorchScriptLoad_WrongWidth_OneLineErrorNamingTheFileAndTheWidthFound()
    {
        var error = Assert.Throws<PluginException>(() => TorchScriptExtractor.Load(TinyModel, 2048, 299, false));

        Assert.Contains(TinyModel, error.Message, StringComparison.Ordinal);
        Assert.Contains("width 8, not the 2048", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void TorchScriptLoad_MissingFile_OneLineErrorNamingTheFile()
    {
        string missing = _folder.Combine("pt_inception.pt");

        var error = Assert.Throws<PluginException>(() => TorchScriptExtractor.Load(missing, 2048, 299, false));

        Assert.Equal(
            $"torchscript: model file {missing} not found; give the path of a TorchScript file (torch.jit.save)",
            error.Message);
    }

    [Fact]
    public void TorchScriptLoad_FileThatIsNoModel_OneLineErrorNamingTheFile()
    {
        string garbage = _folder.Combine("garbage.pt");
        File.WriteAllText(garbage, "this is not a TorchScript archive");

        var error = Assert.Throws<PluginException>(() => TorchScriptExtractor.Load(garbage, 2048, 299, false));

        Assert.StartsWith($"torchscript: {garbage} is not a TorchScript model", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PixelProxy_SameSeed_SameFeaturesAndOtherSeedOthers()
    {
        using var a = new PixelProxyExtractor(64, 5);
        using var b = new PixelProxyExtractor(64, 5);
        using var c = new PixelProxyExtractor(64, 6);
        using var generator = new torch.Generator(9);
        using torch.Tensor images = torch.rand([4, 3, 64, 64], generator: generator).mul(2).sub(1);

        using torch.Tensor fa = a.Extract(images);
        using torch.Tensor fb = b.Extract(images);
        using torch.Tensor fc = c.Extract(images);

        Assert.Equal([4L, 64L], fa.shape);
        Assert.True(fa.equal(fb).all().item<bool>());
        Assert.False(fa.equal(fc).all().item<bool>());
        Assert.True(a.IsProxy);
        Assert.True(fa.ge(0).all().item<bool>());
    }

    [Fact]
    public void PluginCatalog_BuiltInFolder_ListsBothFeatureExtractors()
    {
        PluginCatalog catalog = PluginCatalog.Load(PluginCatalog.DefaultFolders(), NullLogger.Instance);

        Assert.Equal(["pixel-proxy", "torchscript"], catalog.Names(PluginKind.FeatureExtractor));
        Assert.Equal("features", PluginCatalog.KindLabel(PluginKind.FeatureExtractor));
    }

    public void Dispose() => _folder.Dispose();
}
