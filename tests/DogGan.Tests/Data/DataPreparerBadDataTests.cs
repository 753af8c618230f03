using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using static DogGan.Tests.Data.BadDataFolder;

namespace DogGan.Tests.Data;

/// <summary>
/// A folder where every kind of bad file sits beside good ones: each must land under its own
/// reason, and the good ones must still give their crops.
/// </summary>
public sealed class DataPreparerBadDataTests : IDisposable
{
    private const string Annotation = "Annotation/" + Breed + "/";
    private readonly BadDataFolder _folder = new();
    private readonly TempFolder _cache = new();
    private readonly int _realBoxes;

    public DataPreparerBadDataTests()
    {
        _folder.CopyReal("n02085936_10073", "good-a");
        _folder.CopyReal("n02085936_10130", "good-b");
        _folder.CopyReal("n02085936_10148", "good-c");
        _realBoxes = new[] { "good-a", "good-b", "good-c" }
            .Sum(id => File.ReadAllText(Path.Combine(_folder.Annotations, id)).Split("<bndbox>").Length - 1);

        // Cut in the middle of the scan data: ImageSharp alone would fill the rest with black.
        _folder.CopyReal("n02085936_10197", "truncated", mangle: b => b[..(b.Length / 2)]);

        _folder.WriteBytes("text.jpg", "this is not a JPEG, whatever its name says"u8.ToArray());
        _folder.WriteAnnotation("text", Voc(100, 80, Box(0, 0, 50, 50)));

        using (Image<Rgb24> gif = Solid(100, 80, new Rgb24(10, 200, 10)))
        {
            _folder.WriteImage("anim.gif", gif, (s, i) => i.SaveAsGif(s));
        }

        _folder.WriteAnnotation("anim", Voc(100, 80, Box(0, 0, 50, 50)));

        // Left half opaque red, right half fully transparent green: over black, no green may remain.
        using (var alpha = new Image<Rgba32>(200, 150))
        {
            for (int y = 0; y < 150; y++)
            {
                for (int x = 0; x < 200; x++)
                {
                    alpha[x, y] = x < 100 ? new Rgba32(255, 0, 0, 255) : new Rgba32(0, 255, 0, 0);
                }
            }

            _folder.WriteImage("alpha.png", alpha, (s, i) => i.SaveAsPng(s));
        }

        _folder.WriteAnnotation("alpha", Voc(200, 150, Box(0, 0, 200, 150)));

        using (var gray = new Image<L8>(120, 100))
        {
            for (int y = 0; y < 100; y++)
            {
                for (int x = 0; x < 120; x++)
                {
                    gray[x, y] = new L8((byte)(2 * x));
                }
            }

            _folder.WriteImage("gray.jpg", gray, SaveGrayJpeg);
        }

        _folder.WriteAnnotation("gray", Voc(120, 100, Box(10, 10, 110, 90)));

        _folder.WriteBytes("huge.png", PngHeaderOnly(100_000, 100_000));
        _folder.WriteAnnotation("huge", Voc(100_000, 100_000, Box(0, 0, 500, 500)));

        // Were the entity expanded, this box would be valid and the image would give crops.
        _folder.CopyReal("n02085936_10199", "dtd", withAnnotation: false);
        _folder.WriteAnnotation(
            "dtd",
            "<?xml version=\"1.0\"?><!DOCTYPE annotation [<!ENTITY v \"100\">]>"
            + "<annotation><size><width>500</width><height>375</height></size><object><bndbox>"
            + "<xmin>&v;</xmin><ymin>&v;</ymin><xmax>300</xmax><ymax>300</ymax></bndbox></object></annotation>");

        using (Image<Rgb24> blue = Solid(160, 120, new Rgb24(20, 40, 220)))
        {
            _folder.WriteImage("overrun.jpg", blue);
            _folder.WriteImage("inverted.jpg", blue);
            _folder.WriteImage("unannotated.jpg", blue);
        }

        _folder.WriteAnnotation("overrun", Voc(160, 120, Box(-20, 10, 500, 110)));
        _folder.WriteAnnotation("inverted", Voc(160, 120, Box(100, 10, 50, 90), Box(10, 10, 90, 90)));
        _folder.WriteAnnotation("ghost", Voc(100, 80, Box(0, 0, 50, 50)));
    }

    public void Dispose()
    {
        _folder.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public void Prepare_RecipeCrops_EachBadFileUnderItsReasonAndGoodFilesGiveCrops()
    {
        using PreparedData data = Prepare(RecipeCrops.Four());

        DataSummary summary = data.Summary;
        Assert.Equal(
            new (string, int, string[])[]
            {
                (SkipReasons.AnnotationWithoutImage, 1, [Annotation + "ghost"]),
                (SkipReasons.EmptyOrInvertedBox, 1, [Annotation + "inverted"]),
                (SkipReasons.ImageTooLarge, 1, ["all-dogs/huge.png"]),
                (SkipReasons.MalformedAnnotation, 1, [Annotation + "dtd"]),
                (SkipReasons.NoAnnotation, 1, ["all-dogs/unannotated.jpg"]),
                (SkipReasons.NoUsableBox, 1, ["all-dogs/dtd.jpg"]),
                (SkipReasons.NotAnImage, 1, ["all-dogs/text.jpg"]),
                (SkipReasons.TruncatedImage, 1, ["all-dogs/truncated.jpg"]),
                (SkipReasons.UnsupportedFormat, 1, ["all-dogs/anim.gif"]),
            },
            summary.Skipped
                .Select(s => (s.Reason, s.Count, s.Examples.ToArray()))
                .OrderBy(s => s.Reason, StringComparer.Ordinal));

        // alpha, the three real ones, gray, inverted (its good box) and overrun (clamped).
        Assert.Equal(13, summary.ImageFiles);
        Assert.Equal(7, summary.Images);
        Assert.Equal(11, summary.Annotations);
        Assert.Equal(_realBoxes + 4, summary.Boxes);
        Assert.Equal(4 * summary.Boxes, summary.Crops);
        Assert.Equal(
            summary.ImageFiles,
            summary.Images
            + summary.Skipped.Where(s => SkipReasons.ImageFileReasons.Contains(s.Reason)).Sum(s => s.Count));
        Assert.Equal([4, 4, 4], data.CropCount.Skip(4)); // gray, inverted, overrun: one box each
    }

    [Fact]
    public void Prepare_PngWithAlpha_TransparentPixelsBecomeBlackNotTheirStoredColour()
    {
        using PreparedData data = Prepare(RecipeCrops.Four());

        // Ordinal order puts alpha.png first.
        using var scope = torch.NewDisposeScope();
        torch.Tensor crops = data.Crops.narrow(0, data.CropStart[0], data.CropCount[0]);
        Assert.Equal(0, crops[.., 1].max().item<byte>());
        Assert.True(crops[.., 0].max().item<byte>() > 200);
    }

    [Fact]
    public void Prepare_GrayscaleJpeg_GivesRgbCropsWithEqualChannels()
    {
        using PreparedData data = Prepare(RecipeCrops.Four());

        // alpha, good-a, good-b, good-c, then gray.
        using var scope = torch.NewDisposeScope();
        torch.Tensor crops = data.Crops.narrow(0, data.CropStart[4], data.CropCount[4]);
        Assert.True(crops[.., 0].equal(crops[.., 1]).all().item<bool>());
        Assert.True(crops[.., 1].equal(crops[.., 2]).all().item<bool>());
        Assert.True(crops.to_type(torch.float32).std().item<float>() > 10, "the gradient should survive");
    }

    [Fact]
    public void Prepare_WithFullImage_UnannotatedImagesGiveOneCropEach()
    {
        using PreparedData data = Prepare([.. RecipeCrops.Four(), RecipeCrops.FullImage()]);

        DataSummary summary = data.Summary;
        Assert.DoesNotContain(summary.Skipped, s => s.Reason is SkipReasons.NoAnnotation or SkipReasons.NoUsableBox);
        Assert.Contains(summary.Skipped, s => s.Reason == SkipReasons.MalformedAnnotation && s.Count == 1);

        // dtd and unannotated join with their one full-image crop.
        Assert.Equal(9, summary.Images);
        Assert.Equal((4 * summary.Boxes) + summary.Images, summary.Crops);
    }

    [Fact]
    public void Prepare_NothingUsable_DataExceptionNamesTheFolderAndWhatToDo()
    {
        using var folder = new BadDataFolder();
        folder.WriteBytes("text.jpg", "not an image"u8.ToArray());
        using (Image<Rgb24> blue = Solid(100, 80, new Rgb24(0, 0, 255)))
        {
            folder.WriteImage("unannotated.jpg", blue);
        }

        var error = Assert.Throws<DataException>(() => DataPreparer.Prepare(
            new DataRequest(folder.Root, RecipeCrops.Four(), 64, null, _cache.Path),
            new ListLogger(),
            CancellationToken.None));

        Assert.Contains(folder.Root, error.Message, StringComparison.Ordinal);
        Assert.Contains(SkipReasons.NoAnnotation, error.Message, StringComparison.Ordinal);
        Assert.Contains("full-image", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_cache.Path));
    }

    [Fact]
    public void Prepare_Cancelled_LeavesNoCacheEntryAndTheNextRunPreparesAnew()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DataPreparer.Prepare(
            new DataRequest(_folder.Root, RecipeCrops.Four(), 64, null, _cache.Path),
            new ListLogger(),
            cancelled.Token));

        Assert.Empty(Directory.GetFiles(_cache.Path));
        using PreparedData data = Prepare(RecipeCrops.Four());
        Assert.False(data.Summary.FromCache);
    }

    [Fact]
    public void Prepare_AnnotationChanged_CacheMissesAndSeesTheChange()
    {
        using (PreparedData before = Prepare(RecipeCrops.Four()))
        {
            Assert.Contains(before.Summary.Skipped, s => s.Reason == SkipReasons.NoAnnotation);
        }

        _folder.WriteAnnotation("unannotated", Voc(160, 120, Box(0, 0, 80, 60)));
        using PreparedData after = Prepare(RecipeCrops.Four());

        Assert.False(after.Summary.FromCache);
        Assert.DoesNotContain(after.Summary.Skipped, s => s.Reason == SkipReasons.NoAnnotation);
        Assert.Equal(8, after.Summary.Images);
    }

    [Fact]
    public void Prepare_JpegWithExifRotation_CropsTheStoredPixelsNotTheRotatedView()
    {
        using var folder = new BadDataFolder();
        using (Image<Rgb24> image = Solid(160, 80, new Rgb24(0, 0, 255)))
        {
            // Red only in the stored top-left quarter; the EXIF tag says "display turned 90 degrees".
            for (int y = 0; y < 40; y++)
            {
                for (int x = 0; x < 80; x++)
                {
                    image[x, y] = new Rgb24(255, 0, 0);
                }
            }

            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            folder.WriteImage("exif.jpg", image);
        }

        IImageInfo written = Image.Identify(Path.Combine(folder.Images, "exif.jpg"));
        Assert.Equal((ushort)6, written.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value);
        folder.WriteAnnotation("exif", Voc(160, 80, Box(0, 0, 80, 40)));
        using PreparedData data = DataPreparer.Prepare(
            new DataRequest(folder.Root, [RecipeCrops.Four()[0]], 16, null, _cache.Path),
            new ListLogger(),
            CancellationToken.None);

        // The top-left square of the box, in stored pixels, is all red.
        using var scope = torch.NewDisposeScope();
        torch.Tensor crop = data.Crops[0].to_type(torch.float32);
        Assert.True(crop[0].mean().item<float>() > 230, "red channel");
        Assert.True(crop[2].mean().item<float>() < 25, "blue channel");
    }

    private PreparedData Prepare(IReadOnlyList<NamedCropStrategy> crops) =>
        DataPreparer.Prepare(
            new DataRequest(_folder.Root, crops, 64, null, _cache.Path), new ListLogger(), CancellationToken.None);
}
