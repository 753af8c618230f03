using System.Globalization;
using System.Xml.Linq;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;

namespace DogGan.Tests.Data;

/// <summary>Preparation on the first real Stanford Dogs JPEGs of shared/data/dogs, read in place.</summary>
public sealed class DataPreparerRealJpegTests : IDisposable
{
    private const int Subset = 40;
    private readonly TempFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void Prepare_FortyRealImages_FourCropsPerBoxAndConsistentCounts()
    {
        using PreparedData data = DataPreparer.Prepare(Request(), new ListLogger(), CancellationToken.None);

        DataSummary summary = data.Summary;
        int expectedBoxes = FirstImages().Sum(name => ObjectCount(AnnotationOf(name)));
        Assert.Equal(Subset, summary.ImageFiles);
        Assert.Equal(Subset, summary.Images);
        Assert.Equal(Subset, summary.Annotations);
        Assert.Empty(summary.Skipped);
        Assert.Equal(expectedBoxes, summary.Boxes);
        Assert.Equal(4 * summary.Boxes, summary.Crops);
        Assert.False(summary.FromCache);
        Assert.Equal(64, summary.CacheKey.Length);

        Assert.Equal(torch.uint8, data.Crops.dtype);
        Assert.Equal([summary.Crops, 3L, 64L, 64L], data.Crops.shape);
        Assert.Equal(Subset, data.ImageCount);
        Assert.Equal(summary.Crops, data.CropCount.Sum());
        for (int i = 0; i < data.ImageCount; i++)
        {
            Assert.Equal(4 * ObjectCount(AnnotationOf(FirstImages()[i])), data.CropCount[i]);
            Assert.Equal(i == 0 ? 0 : data.CropStart[i - 1] + data.CropCount[i - 1], data.CropStart[i]);
        }
    }

    [Fact]
    public void Prepare_SecondRun_HitsTheCacheWithIdenticalBytesAndSummary()
    {
        using PreparedData first = DataPreparer.Prepare(Request(), new ListLogger(), CancellationToken.None);
        var logger = new ListLogger();

        using PreparedData second = DataPreparer.Prepare(Request(), logger, CancellationToken.None);

        Assert.True(second.Summary.FromCache);
        Assert.Equal(first.Summary with { FromCache = true, Skipped = [] }, second.Summary with { Skipped = [] });
        Assert.Equal(first.Summary.Skipped, second.Summary.Skipped);
        Assert.True(Same(first.Crops, second.Crops));
        Assert.Equal(first.CropCount, second.CropCount);
        string line = Assert.Single(logger.Messages);
        Assert.Contains("cache hit", line, StringComparison.Ordinal);
        Assert.Contains($"{Subset} images", line, StringComparison.Ordinal);

        // One entry: the binary and its summary, no temporary left behind.
        Assert.Equal(
            [first.Summary.CacheKey + ".crops", first.Summary.CacheKey + ".json"],
            Directory.GetFiles(_cache.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prepare_OtherSettings_UseOtherCacheEntries()
    {
        using PreparedData recipe = DataPreparer.Prepare(Request(), new ListLogger(), CancellationToken.None);
        using PreparedData fewer = DataPreparer.Prepare(
            Request() with { MaxImages = 10 }, new ListLogger(), CancellationToken.None);
        using PreparedData smaller = DataPreparer.Prepare(
            Request() with { ImageSize = 32, MaxImages = 10 }, new ListLogger(), CancellationToken.None);

        Assert.False(fewer.Summary.FromCache);
        Assert.False(smaller.Summary.FromCache);
        Assert.Equal(3, new[] { recipe, fewer, smaller }.Select(d => d.Summary.CacheKey).Distinct().Count());
        Assert.Equal(10, fewer.ImageCount);
        Assert.Equal([smaller.Summary.Crops, 3L, 32L, 32L], smaller.Crops.shape);

        // The first ten images' crops are the same whatever the limit.
        long tenImages = fewer.Summary.Crops;
        Assert.True(Same(recipe.Crops.narrow(0, 0, tenImages), fewer.Crops));
    }

    [Fact]
    public void Prepare_FirstCrop_EqualsADirectImageSharpCropAndResizeOfTheBox()
    {
        using PreparedData data = DataPreparer.Prepare(
            Request() with { MaxImages = 1 }, new ListLogger(), CancellationToken.None);
        string name = FirstImages()[0];
        XElement box = XDocument.Load(AnnotationOf(name)).Descendants("bndbox").First();
        int Read(string field) => (int)double.Parse(box.Element(field)!.Value, CultureInfo.InvariantCulture);
        int x0 = Read("xmin"), y0 = Read("ymin");
        using Image<Rgb24> source = Image.Load<Rgb24>(Path.Combine(SharedFolder.Dogs, "all-dogs", name));
        int side = Math.Min(Math.Min(Read("xmax"), source.Width) - x0, Math.Min(Read("ymax"), source.Height) - y0);

        // The first crop is the top-left square of the first box.
        using Image<Rgb24> expected = source.Clone(c => c
            .Crop(new Rectangle(x0, y0, side, side))
            .Resize(64, 64, KnownResamplers.Lanczos3));
        byte[] actual = data.Crops[0].contiguous().data<byte>().ToArray();
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                Rgb24 p = expected[x, y];
                int at = (y * 64) + x;
                Assert.Equal((p.R, p.G, p.B), (actual[at], actual[4096 + at], actual[8192 + at]));
            }
        }

        // And, independently of the resampler, its mean colour is that of the square it came from.
        double[] sourceMean = new double[3];
        for (int y = y0; y < y0 + side; y++)
        {
            for (int x = x0; x < x0 + side; x++)
            {
                Rgb24 p = source[x, y];
                sourceMean[0] += p.R;
                sourceMean[1] += p.G;
                sourceMean[2] += p.B;
            }
        }

        for (int c = 0; c < 3; c++)
        {
            double cropMean = actual.Skip(c * 4096).Take(4096).Average(v => (double)v);
            Assert.InRange(cropMean, (sourceMean[c] / (side * side)) - 2, (sourceMean[c] / (side * side)) + 2);
        }
    }

    [Fact]
    public void Prepare_MissingFolder_DataExceptionNamesThePathAndTheLayout()
    {
        string missing = _cache.Combine("no-such-folder");

        var error = Assert.Throws<DataException>(() =>
            DataPreparer.Prepare(Request() with { Folder = missing }, new ListLogger(), CancellationToken.None));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("all-dogs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Prepare_FolderWithoutAllDogs_DataExceptionNamesThePathAndTheLayout()
    {
        string folder = _cache.Combine("data");
        Directory.CreateDirectory(Path.Combine(folder, "Annotation"));

        var error = Assert.Throws<DataException>(() =>
            DataPreparer.Prepare(Request() with { Folder = folder }, new ListLogger(), CancellationToken.None));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("all-dogs", error.Message, StringComparison.Ordinal);
    }

    internal static bool Same(torch.Tensor a, torch.Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.equal(b).all().item<bool>();
    }

    private DataRequest Request() =>
        new(SharedFolder.Dogs, RecipeCrops.Four(), 64, Subset, _cache.Path);

    private static string[] FirstImages() =>
        Directory.GetFiles(Path.Combine(SharedFolder.Dogs, "all-dogs"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Take(Subset)
            .ToArray()!;

    private static string AnnotationOf(string imageName)
    {
        string id = Path.GetFileNameWithoutExtension(imageName);
        return Directory
            .GetFiles(Path.Combine(SharedFolder.Dogs, "Annotation"), id, SearchOption.AllDirectories)
            .Single();
    }

    private static int ObjectCount(string annotation) => XDocument.Load(annotation).Root!.Elements("object").Count();
}
