using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using DogGan.Host;
using DogGan.Host.Data;
using DogGan.Host.Scoring;
using DogGan.Tests.Data;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console;
using TorchSharp;

namespace DogGan.Tests.Scoring;

/// <summary>
/// <c>host score</c> in process on real dogs with the proxy extractor: memorized images are
/// caught, noise is not, the real side is cached, and every bad input is one line.
/// </summary>
public sealed class ScoreImagesTests(ScoreImagesTests.Cache cache) : IClassFixture<ScoreImagesTests.Cache>, IDisposable
{
    private const int RealImages = 120;
    private readonly TempFolder _folder = new("score");

    [Fact]
    public async Task Score_CopiesOfTrainingImages_DistanceUnderThresholdAndMifidFarAboveFid()
    {
        string images = _folder.Combine("memorized");
        WriteTrainingCopies(images, 60);

        ScoreReport report = await ScoreAsync(images);

        Assert.Equal(60, report.GeneratedImages);
        Assert.Equal(RealImages, report.RealImages);
        Assert.True(report.Proxy);
        Assert.InRange(report.Score.Distance, 0, 1e-6);
        Assert.True(report.Score.ThresholdTriggered);
        Assert.True(report.Score.Mifid > 1e4 * report.Score.Fid, $"MiFID {report.Score.Mifid}, FID {report.Score.Fid}");
    }

    [Fact]
    public async Task Score_NoiseImages_DistanceOverThresholdAndMifidEqualsFid()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 60, seed: 4);

        ScoreReport report = await ScoreAsync(images);

        Assert.False(report.Score.ThresholdTriggered);
        Assert.InRange(report.Score.Distance, MemorizationDistance.Threshold, 1);
        Assert.Equal(report.Score.Fid, report.Score.Mifid, 9);
        Assert.True(report.Score.Fid > 0);
    }

    [Fact]
    public async Task Score_SecondCall_TakesTheRealFeaturesFromTheCacheWithTheSameResult()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 20, seed: 8);

        ScoreReport first = await ScoreAsync(images);
        ScoreReport second = await ScoreAsync(images);

        Assert.True(second.RealFromCache);
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.ExtractorHash, second.ExtractorHash);
        Assert.Contains(ScoreCommandLines(second),
            l => l.StartsWith("PROXY features (pixel-proxy)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_EmptyFolder_OneLineDataError()
    {
        string images = _folder.Combine("empty");
        Directory.CreateDirectory(images);

        var error = await Assert.ThrowsAsync<DataException>(() => ScoreAsync(images));

        Assert.Equal($"{images}: holds no images; give a folder or a .zip of 64x64 PNGs", error.Message);
    }

    [Fact]
    public async Task Score_FolderWithA32PixelPng_OneLineErrorNamingTheFileAndItsSize()
    {
        string images = _folder.Combine("small");
        WriteNoise(images, 3, seed: 1);
        using (var image = new Image<Rgb24>(32, 32))
        {
            image.SaveAsPng(Path.Combine(images, "00001.png"));
        }

        var error = await Assert.ThrowsAsync<DataException>(() => ScoreAsync(images));

        Assert.Equal($"{Path.Combine(images, "00001.png")}: 32x32, not 64x64; the submission format is 64x64 RGB PNGs",
            error.Message);
    }

    [Fact]
    public async Task Score_FolderWithAJpeg_OneLineErrorNamingTheFile()
    {
        string images = _folder.Combine("jpeg");
        WriteNoise(images, 2, seed: 1);
        using (var image = new Image<Rgb24>(64, 64))
        {
            image.SaveAsJpeg(Path.Combine(images, "00002.png"));
        }

        var error = await Assert.ThrowsAsync<DataException>(() => ScoreAsync(images));

        Assert.Equal($"{Path.Combine(images, "00002.png")}: not a PNG; the submission format is 64x64 RGB PNGs",
            error.Message);
    }

    [Fact]
    public async Task Score_TorchScriptWithoutTheModelFile_OneLineErrorNamingTheFile()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 2, seed: 1);
        string model = _folder.Combine("pt_inception.pt");

        var error = await Assert.ThrowsAsync<PluginException>(() =>
            ScoreAsync(images, "torchscript", [$"path={model}"]));

        Assert.Contains($"model file {model} not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_TorchScriptOfTheWrongWidth_OneLineErrorWithTheWidthFound()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 2, seed: 1);

        var error = await Assert.ThrowsAsync<PluginException>(() =>
            ScoreAsync(images, "torchscript", [$"path={FeatureExtractorTests.TinyModel}", "width=2048"]));

        Assert.Contains("gives features of width 8, not the 2048 of option width", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_TinyTorchScriptModel_ScoresWithItsOwnHash()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 30, seed: 2);

        ScoreReport report = await ScoreAsync(images, "torchscript",
            [$"path={FeatureExtractorTests.TinyModel}", "width=8", "inputSize=32"]);
        ScoreReport proxy = await ScoreAsync(images);

        Assert.False(report.Proxy);
        Assert.Equal("torchscript", report.Extractor);
        Assert.NotEqual(proxy.ExtractorHash, report.ExtractorHash);
        Assert.True(double.IsFinite(report.Score.Fid) && report.Score.Fid > 0);
    }

    [Fact]
    public async Task Score_UnknownFeatureOption_OneLineErrorListingTheOptions()
    {
        string images = _folder.Combine("noise");
        WriteNoise(images, 2, seed: 1);

        var error = await Assert.ThrowsAsync<ManifestException>(() => ScoreAsync(images, "pixel-proxy", ["widht=3"]));

        Assert.Equal("--features-option widht=3: plugin 'pixel-proxy' has no option 'widht'; its options: seed, width",
            error.Message);
    }

    public void Dispose() => _folder.Dispose();

    internal static void WriteNoise(string folder, int count, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            using var image = new Image<Rgb24>(64, 64);
            byte[] pixels = new byte[64 * 64 * 3];
            random.NextBytes(pixels);
            image.Frames.RootFrame.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < 64; y++)
                {
                    Span<Rgb24> row = rows.GetRowSpan(y);
                    for (int x = 0; x < 64; x++)
                    {
                        int p = ((y * 64) + x) * 3;
                        row[x] = new Rgb24(pixels[p], pixels[p + 1], pixels[p + 2]);
                    }
                }
            });
            image.SaveAsPng(Path.Combine(folder, $"{i:D5}.png"));
        }
    }

    private static IEnumerable<string> ScoreCommandLines(ScoreReport report) => Host.Cli.ScoreCommand.Describe(report);

    /// <summary>The real set's own 64x64 images (the full-image crops the scorer uses), written as PNGs.</summary>
    private void WriteTrainingCopies(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var strategy = new NamedCropStrategy("full-image", "{}",
            new DogGan.Plugins.Crops.FullImageCropPlugin().Create(PluginOptions.Empty("full-image")));
        using PreparedData data = DataPreparer.Prepare(
            new DataRequest(SharedFolder.Dogs, [strategy], 64, RealImages, Path.Combine(cache.Folder.Path, "crops")),
            NullLogger.Instance, CancellationToken.None);
        using torch.Tensor hwc = data.Crops.narrow(0, 0, count).permute(0, 2, 3, 1).contiguous();
        byte[] pixels = hwc.data<byte>().ToArray();
        for (int i = 0; i < count; i++)
        {
            using Image<Rgb24> image = Image.LoadPixelData<Rgb24>(pixels.AsSpan(i * 64 * 64 * 3, 64 * 64 * 3), 64, 64);
            image.SaveAsPng(Path.Combine(folder, $"{i:D5}.png"));
        }
    }

    private async Task<ScoreReport> ScoreAsync(
        string images, string features = "pixel-proxy", IReadOnlyList<string>? options = null)
    {
        IServiceCollection services = HostServices.Create(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Out = new AnsiConsoleOutput(new StringWriter()),
        }), LogLevel.Warning, logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMediator>().Send(new ScoreImages(images, SharedFolder.Dogs, features,
            options ?? [], Run: null, [], Store: null, CacheRoot: cache.Folder.Path, MaxRealImages: RealImages));
    }

    /// <summary>One crop and feature cache for the class, so the real side is prepared once.</summary>
    public sealed class Cache : IDisposable
    {
        internal TempFolder Folder { get; } = new("score-cache");

        public void Dispose() => Folder.Dispose();
    }
}
