using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Plugins;
using DogGan.Host.Scoring;
using DogGan.Host.Store;
using DogGan.Tests.Data;
using DogGan.Tests.Store;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace DogGan.Tests.Scoring;

/// <summary>
/// <c>host run</c> with a <c>scoring</c> section: tiny runs trained in process on real dogs and
/// recorded in a real PostgreSQL, and the section's validation.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScoreDuringRunTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "scoring_during";

    private const string Scoring = """
        "scoring": { "every": 2, "images": 64, "features": { "plugin": "pixel-proxy", "options": {} } },
        """;

    private static readonly PluginCatalog Catalog =
        PluginCatalog.Load([Path.Combine(AppContext.BaseDirectory, "plugins")], NullLogger.Instance);

    private readonly TempFolder _folder = new("scoreduring");

    [Fact]
    public async Task Run_ScoringEveryTwoOfThreeEpochs_RecordsProxyScoresAtTwoAndThreeAndTrainsTheSameLosses()
    {
        RunOutcome scored = await TrainAsync(Scoring);
        RunOutcome plain = await TrainAsync("");

        RunStore store = await postgres.StoreAsync(Schema);
        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(scored.RunId);
        object[] data = events.Select(e => e.Data).ToArray();
        MetricRecorded[] metrics = data.OfType<MetricRecorded>().ToArray();

        // One score at epoch 2 and one at the last epoch, each saved with its own epoch's events.
        Assert.Equal([2, 3], metrics.Select(m => m.Epoch));
        foreach (MetricRecorded metric in metrics)
        {
            int at = Array.IndexOf(data, metric);
            EpochCompleted epochBefore = data.Take(at).OfType<EpochCompleted>().Last();
            Assert.Equal(metric.Epoch, epochBefore.Epoch);
            Assert.DoesNotContain(data.Skip(at + 1).OfType<EpochCompleted>(), e => e.Epoch <= metric.Epoch);
        }

        using ExtractorChoice sameAsScoreCommand = ExtractorChoice.Create(Catalog, "pixel-proxy", []);
        Assert.All(metrics, m =>
        {
            Assert.Equal("pixel-proxy", m.Extractor);
            Assert.Equal(sameAsScoreCommand.Hash, m.ExtractorHash);
            Assert.Equal(64, m.Images);
            Assert.True(m.Proxy);
            Assert.True(double.IsFinite(m.Fid) && m.Fid > 0, $"FID {m.Fid}");
            Assert.True(double.IsFinite(m.Mifid), $"MiFID {m.Mifid}");
            Assert.InRange(m.Distance, 0, 1);
            Assert.Equal(MemorizationDistance.Mifid(m.Fid, m.Distance), m.Mifid);
        });
        Assert.NotEqual(metrics[0].Fid, metrics[1].Fid);

        // The summary holds the latest score under the extractor's name.
        RunSummary summary = await store.FindRunAsync(scored.RunId.ToString());
        Assert.Equal(metrics[1].Fid, summary.Metrics["FID (pixel-proxy)"]);
        Assert.Equal(metrics[1].Mifid, summary.Metrics["MiFID (pixel-proxy)"]);
        Assert.Equal(metrics[1].Distance, summary.Metrics["distance (pixel-proxy)"]);

        // Scoring draws from no stream training uses: every epoch's figures are bit for bit those
        // of the same run without it (epoch 2 also scores where no samples are drawn).
        EpochCompleted[] withScoring = data.OfType<EpochCompleted>().ToArray();
        EpochCompleted[] without = (await store.ReadStreamAsync(plain.RunId)).Select(e => e.Data)
            .OfType<EpochCompleted>().ToArray();
        Assert.Equal([1, 2, 3], withScoring.Select(e => e.Epoch));
        Assert.Equal(Bits(without), Bits(withScoring));
        Assert.Empty((await store.ReadStreamAsync(plain.RunId)).Select(e => e.Data).OfType<MetricRecorded>());
    }

    [Fact]
    public void Parse_ScoringSection_ReadsItAndFillsDefaults()
    {
        ExperimentManifest absent = Parse("");
        ExperimentManifest given = Parse(Scoring);
        ExperimentManifest defaults = Parse("""
            "scoring": { "features": { "plugin": "pixel-proxy" } },
            """);

        Assert.Null(absent.Scoring);
        Assert.DoesNotContain(absent.Plugins, p => p.Role == "scoring.features");
        Assert.Equal((2, 64, "pixel-proxy"), (given.Scoring!.Every, given.Scoring.Images,
            given.Scoring.Features.Plugin.Name));
        Assert.Contains(given.Plugins, p => p.Role == "scoring.features" && p.Choice == given.Scoring.Features);
        Assert.Equal((10, 1000), (defaults.Scoring!.Every, defaults.Scoring.Images));
    }

    [Fact]
    public void Parse_UnknownExtractor_OneLineErrorWithThePathAndTheChoices()
    {
        var error = Assert.Throws<ManifestException>(() => Parse("""
            "scoring": { "every": 2, "images": 64, "features": { "plugin": "inception" } },
            """));

        string available = string.Join(", ", Catalog.Names(PluginKind.FeatureExtractor));
        Assert.Contains("pixel-proxy", available, StringComparison.Ordinal);
        Assert.Equal($"m.json: $.scoring.features.plugin: unknown features plugin 'inception'; available: {available}",
            error.Message);
    }

    [Theory]
    [InlineData("""{ "every": 2, "images": 0, "features": { "plugin": "pixel-proxy" } }""",
        "$.scoring.images: 0 is not valid; expected a whole number from 2 to 100000")]
    [InlineData("""{ "every": 0, "features": { "plugin": "pixel-proxy" } }""",
        "$.scoring.every: 0 is not valid; expected a whole number from 1 to 1000000")]
    [InlineData("""{ "every": "10", "features": { "plugin": "pixel-proxy" } }""",
        "$.scoring.every: \"10\" is not valid; expected a whole number from 1 to 1000000")]
    [InlineData("""{ "evry": 10, "features": { "plugin": "pixel-proxy" } }""",
        "$.scoring.evry: unknown key; valid keys here: every, images, features")]
    [InlineData("""{ "every": 10 }""", "$.scoring.features: missing; expected an object")]
    [InlineData("""{ "features": { "plugin": "pixel-proxy", "options": { "widht": 8 } } }""",
        "$.scoring.features.options.widht: plugin 'pixel-proxy' has no such option; its options: width, seed")]
    [InlineData("""{ "features": { "plugin": "pixel-proxy", "options": { "width": 1 } } }""",
        "$.scoring.features.options.width")]
    public void Parse_BadScoringSection_OneLineErrorWithTheJsonPath(string section, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => Parse($"\"scoring\": {section},"));

        Assert.StartsWith($"m.json: {expected}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private static ExperimentManifest Parse(string scoring) => ManifestReader.Parse($$"""
        {
          "name": "t",
          {{scoring}}
          "data": { "folder": "dogs", "crops": ["top-left"] },
          "architecture": { "plugin": "dcgan", "options": { "ch": 2, "nz": 16 } },
          "loss": { "plugin": "hard-margin" }
        }
        """, "m.json", Catalog, ManifestOverrides.None);

    private static long[][] Bits(IEnumerable<EpochCompleted> epochs) => epochs
        .Select(e => new[] { e.DiscriminatorLoss, e.GeneratorLoss, e.RealScore, e.FakeScore }
            .Select(BitConverter.DoubleToInt64Bits).Append(e.Epoch).Append(e.Batches).ToArray())
        .ToArray();

    private async Task<RunOutcome> TrainAsync(string scoring)
    {
        string manifest = _folder.Combine($"tiny-{Guid.NewGuid():N}.json");
        File.WriteAllText(manifest, $$"""
            {
              "name": "tiny-scoreduring",
              "seed": 13,
              "threads": 2,
              {{scoring}}
              "data": { "folder": "{{SharedFolder.Dogs}}", "crops": ["top-left", "padded-box"], "maxImages": 64 },
              "architecture": { "plugin": "dcgan", "options": { "ch": 2, "nz": 16 } },
              "loss": { "plugin": "hard-margin" },
              "averager": { "plugin": "ema" },
              "training": { "epochs": 3, "batchSize": 32 },
              "outputs": { "samplesEvery": 3, "checkpointEvery": 3, "keepCheckpoints": 1 }
            }
            """);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new StringWriter()),
        });
        IServiceCollection services = HostServices.Create(console, LogLevel.Warning, logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        RunOutcome outcome = await provider.GetRequiredService<IMediator>().Send(new RunExperiment(manifest,
            ManifestOverrides.None, _folder.Combine("runs"), [], postgres.ConnectionString, _folder.Combine("cache"),
            Schema));
        Assert.Equal(RunStatus.Completed, outcome.Status);
        return outcome;
    }
}
