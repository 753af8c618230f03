using DogGan.Contracts.Errors;
using DogGan.Host.Manifests;
using DogGan.Host.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace DogGan.Tests.Manifests;

public sealed class ManifestReaderTests
{
    private static readonly PluginCatalog Catalog =
        PluginCatalog.Load([Path.Combine(AppContext.BaseDirectory, "plugins")], NullLogger.Instance);

    private const string Minimal = """
        {
          "name": "t",
          "data": { "folder": "dogs", "crops": ["top-left"] },
          "architecture": { "plugin": "dcgan", "options": { "ch": 8, "nz": 64 } },
          "loss": { "plugin": "hard-margin" }
        }
        """;

    [Fact]
    public void Load_DcganFinal_IsTheRecipeExactly()
    {
        ExperimentManifest m = ManifestReader.Load(Path.Combine(RepoPaths.Experiments, "dcgan-final.json"), Catalog,
            ManifestOverrides.None);

        Assert.Equal(["top-left", "top-right", "padded-box", "centred-context"],
            m.Data.Crops.Select(c => c.Plugin.Name));
        Assert.Equal((0.5, 0.3, 5.0), (m.Data.FlipProbability, m.Data.RotateProbability, m.Data.RotateDegrees));
        Assert.Equal("dcgan", m.Architecture.Plugin.Name);
        Assert.Equal(48, m.Architecture.Options.GetInt32("ch"));
        Assert.Equal(256, m.Architecture.Options.GetInt32("nz"));
        Assert.True(m.Architecture.Options.GetBoolean("splitBatchNorm"));
        Assert.Equal("hard-margin", m.Loss.Plugin.Name);
        Assert.Equal(0.8, m.Loss.Options.GetDouble("margin"));
        Assert.Equal(0.95, m.Loss.Options.GetDouble("realLabel"));
        Assert.Equal("ema", m.Averager.Plugin.Name);
        Assert.Equal(0.9, m.Averager.Options.GetDouble("beta"));
        Assert.Equal([200, 300, 400], m.Averager.Options.GetInt32Array("bumpEpochs"));
        Assert.Equal(new OptimizerSection(5e-4, 0.3, 0.999), m.Optimizer);
        Assert.Equal(new TrainingSection(620, 32, 32000), m.Training);
        Assert.NotNull(m.Seed);
        Assert.Equal(Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "dogs")), m.Data.Folder);
    }

    [Theory]
    [InlineData("dcgan-final-swa.json", "swa")]
    [InlineData("dcgan-baseline.json", "none")]
    [InlineData("smoke.json", "ema")]
    public void Load_ShippedManifest_Validates(string file, string averager)
    {
        ExperimentManifest m = ManifestReader.Load(Path.Combine(RepoPaths.Experiments, file), Catalog,
            ManifestOverrides.None);

        Assert.Equal(averager, m.Averager.Plugin.Name);
        Assert.NotNull(m.Seed);
    }

    [Fact]
    public void Parse_Overrides_WinOverTheManifest()
    {
        ExperimentManifest m = Parse(Minimal, new ManifestOverrides("/tmp/other", 3, "cpu"));

        Assert.Equal("/tmp/other", m.Data.Folder);
        Assert.Equal(3, m.Training.Epochs);
        Assert.Equal(["data.folder=/tmp/other", "training.epochs=3", "device=cpu"], m.Overrides);
    }

    [Fact]
    public void Parse_NoSeedNoAverager_LeavesSeedToBeDrawnAndAveragesNothing()
    {
        ExperimentManifest m = Parse(Minimal);

        Assert.Null(m.Seed);
        Assert.Equal("none", m.Averager.Plugin.Name);
        Assert.Equal(Path.GetFullPath("dogs"), m.Data.Folder);
    }

    [Theory]
    [InlineData("\"epochz\": 3", "t.json: $.epochz: unknown key; valid keys here: name, description, seed")]
    [InlineData("\"training\": { \"epochs\": \"ten\" }",
        "t.json: $.training.epochs: \"ten\" is not valid; expected a whole number from 1 to 1000000")]
    [InlineData("\"training\": { \"epochs\": 0 }",
        "t.json: $.training.epochs: 0 is not valid; expected a whole number from 1 to 1000000")]
    [InlineData("\"device\": \"tpu\"", "t.json: $.device: \"tpu\" is not valid; choose one of: cpu, cuda")]
    [InlineData("\"averager\": { \"plugin\": \"emma\" }",
        "t.json: $.averager.plugin: unknown averager plugin 'emma'; available: ema, none, swa")]
    [InlineData("\"averager\": { \"plugin\": \"ema\", \"options\": { \"betta\": 0.9 } }",
        "t.json: $.averager.options.betta: plugin 'ema' has no such option; its options: beta")]
    [InlineData("\"averager\": { \"plugin\": \"ema\", \"options\": { \"beta\": true } }",
        "t.json: $.averager.options.beta: true is not valid; expected a number like the default 0.9")]
    [InlineData("\"averager\": { \"plugin\": \"ema\", \"options\": { \"beta\": 1.5 } }",
        "t.json: $.averager.options.beta: 1.5 is not valid for plugin 'ema'; expected a number from")]
    public void Parse_BadValue_FailsWithPathValueAndChoices(string extra, string expectedStart)
    {
        string json = Minimal.TrimEnd().TrimEnd('}') + ", " + extra + " }";

        var error = Assert.Throws<ManifestException>(() => Parse(json));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_UnknownCrop_NamesTheArrayItem()
    {
        string json = Minimal.Replace("[\"top-left\"]", "[\"top-left\", \"bottom-left\"]", StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => Parse(json));

        Assert.Equal("t.json: $.data.crops[1]: unknown crop plugin 'bottom-left'; available: centred-context, "
                     + "full-image, padded-box, top-left, top-right", error.Message);
    }

    [Fact]
    public void Parse_BrokenJson_SaysWhere()
    {
        var error = Assert.Throws<ManifestException>(() => Parse("{ \"name\": \"t\", }x"));

        Assert.StartsWith("t.json: not valid JSON (line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysWhatToGive()
    {
        var error = Assert.Throws<ManifestException>(
            () => ManifestReader.Load("nope.json", Catalog, ManifestOverrides.None));

        Assert.StartsWith("nope.json: manifest not found", error.Message, StringComparison.Ordinal);
    }

    private static ExperimentManifest Parse(string json, ManifestOverrides? overrides = null) =>
        ManifestReader.Parse(json, "t.json", Catalog, overrides ?? ManifestOverrides.None);
}
