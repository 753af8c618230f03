using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;
using DogGan.Plugins.Crops;

namespace DogGan.Tests.Crops;

public sealed class FullImageCropTests
{
    private readonly ICropStrategy _strategy = new FullImageCropPlugin().Create(PluginOptions.Empty("full-image"));

    [Theory]
    [InlineData(500, 375)]
    [InlineData(333, 500)]
    [InlineData(640, 480)]
    [InlineData(64, 64)]
    public void Select_AnySize_CentredLargestSquareInsideTheImage(int width, int height)
    {
        var image = new ImageSize(width, height);

        CropBox crop = Assert.Single(_strategy.Select(image, []));

        int side = Math.Min(width, height);
        Assert.Equal(side, crop.Width);
        Assert.Equal(side, crop.Height);
        Assert.True(crop.Left >= 0 && crop.Top >= 0 && crop.Right <= width && crop.Bottom <= height);

        // Centred: the margins on opposite sides differ by at most the one pixel an odd
        // difference leaves over.
        Assert.InRange((width - crop.Right) - crop.Left, 0, 1);
        Assert.InRange((height - crop.Bottom) - crop.Top, 0, 1);
        Assert.Equal((crop.Left, crop.Top, side, side), crop.ToPixels(image)!.Value);
    }

    [Fact]
    public void Select_WithBoxes_IgnoresThemAndGivesOneCrop()
    {
        var image = new ImageSize(500, 375);

        IReadOnlyList<CropBox> withBoxes = _strategy.Select(image, [new(0, 0, 10, 10), new(100, 100, 200, 300)]);

        Assert.Equal(_strategy.Select(image, []), withBoxes);
    }
}
