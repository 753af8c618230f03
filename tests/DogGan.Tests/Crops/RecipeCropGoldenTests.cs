using System.Text.Json;
using DogGan.Contracts.Imaging;
using DogGan.Contracts.Plugins;
using DogGan.Plugins.Crops;
using DogGan.Tests.Data;

namespace DogGan.Tests.Crops;

/// <summary>
/// The four recipe crops against reference/recipe/crops.json, which make_reference.py computed
/// from the solution's own formulas. The strategies come from the real plugin classes.
/// </summary>
public sealed class RecipeCropGoldenTests
{
    public static TheoryData<string, string> Strategies => new()
    {
        { "top-left", "topLeft" },
        { "top-right", "topRight" },
        { "padded-box", "paddedBox" },
        { "centred-context", "centredContext" },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Select_EveryReferenceCase_MatchesWithinOnePixel(string plugin, string field)
    {
        ICropStrategy strategy = Create(plugin);
        using JsonDocument golden =
            JsonDocument.Parse(File.ReadAllText(SharedFolder.Reference("recipe", "crops.json")));
        JsonElement cases = golden.RootElement.GetProperty("cases");
        Assert.True(cases.GetArrayLength() >= 20, "crops.json should hold the 20 worked cases");

        foreach (JsonElement item in cases.EnumerateArray())
        {
            var image = new ImageSize(item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32());
            int[] b = item.GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            double[] expected = item.GetProperty(field).EnumerateArray().Select(v => v.GetDouble()).ToArray();

            IReadOnlyList<CropBox> crops = strategy.Select(image, [new BoundingBox(b[0], b[1], b[2], b[3])]);

            CropBox crop = Assert.Single(crops);
            double[] actual = [crop.Left, crop.Top, crop.Right, crop.Bottom];
            for (int i = 0; i < 4; i++)
            {
                Assert.True(
                    Math.Abs(actual[i] - expected[i]) <= 1.0,
                    $"{plugin} on {image.Width}x{image.Height} box [{string.Join(", ", b)}]: "
                    + $"got [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Select_SeveralBoxes_OneCropPerBoxInOrder(string plugin, string field)
    {
        _ = field;
        ICropStrategy strategy = Create(plugin);
        var image = new ImageSize(500, 375);
        BoundingBox[] boxes = [new(120, 40, 380, 360), new(10, 20, 60, 50), new(300, 100, 499, 374)];

        IReadOnlyList<CropBox> together = strategy.Select(image, boxes);

        Assert.Equal(boxes.Length, together.Count);
        for (int i = 0; i < boxes.Length; i++)
        {
            Assert.Equal(Assert.Single(strategy.Select(image, [boxes[i]])), together[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Select_NoBoxes_GivesNoCrops(string plugin, string field)
    {
        _ = field;
        Assert.Empty(Create(plugin).Select(new ImageSize(500, 375), []));
    }

    private static ICropStrategy Create(string plugin) => plugin switch
    {
        "top-left" => new TopLeftCropPlugin().Create(PluginOptions.Empty(plugin)),
        "top-right" => new TopRightCropPlugin().Create(PluginOptions.Empty(plugin)),
        "padded-box" => new PaddedBoxCropPlugin().Create(PluginOptions.Empty(plugin)),
        "centred-context" => new CentredContextCropPlugin().Create(PluginOptions.Empty(plugin)),
        _ => throw new ArgumentOutOfRangeException(nameof(plugin), plugin, "not a recipe crop"),
    };
}
