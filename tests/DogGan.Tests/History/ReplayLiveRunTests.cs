using DogGan.Host;
using DogGan.Host.History;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Store;
using DogGan.Tests.Data;
using DogGan.Tests.Store;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using Spectre.Console;

namespace DogGan.Tests.History;

/// <summary>A real tiny run on real dogs, then its replay from the store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplayLiveRunTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "history_live";
    private readonly TempFolder _folder = new("replay");

    [Fact]
    public async Task ReplayAsync_AfterALiveRun_PrintsTheSameEpochLinesAndDrawsAPng()
    {
        string manifest = WriteManifest(epochs: 3);
        var live = new StringWriter();
        RunOutcome outcome = await RunAsync(manifest, live);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        RunStore store = await postgres.StoreAsync(Schema);
        var replayed = new StringWriter();
        string plot = _folder.Combine("plots", "replay.png");

        RunHistory history = await HistoryQueries.ReplayAsync(store, Console(replayed), "history-tiny@latest", plot);

        string[] liveLines = EpochLines(live.ToString());
        Assert.Equal(3, liveLines.Length);
        Assert.Equal(liveLines, EpochLines(replayed.ToString()));
        Assert.Equal(outcome.RunId, history.RunId);
        Assert.Contains($"run {outcome.RunId} history-tiny: completed, 3/3 epochs", replayed.ToString(),
            StringComparison.Ordinal);
        using Image image = Image.Load(plot);
        Assert.Equal((CurvePlot.Width, CurvePlot.Height), (image.Width, image.Height));
        Assert.True(new FileInfo(plot).Length > 20_000, $"the plot is only {new FileInfo(plot).Length} bytes");
    }

    public void Dispose() => _folder.Dispose();

    private static string[] EpochLines(string output) => output.Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.StartsWith("epoch ", StringComparison.Ordinal))
        .ToArray();

    private static IAnsiConsole Console(StringWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    private async Task<RunOutcome> RunAsync(string manifest, StringWriter output)
    {
        IServiceCollection services = HostServices.Create(Console(output), LogLevel.Warning, logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMediator>().Send(new RunExperiment(manifest, ManifestOverrides.None,
            Path.Combine(_folder.Path, "runs"), [], postgres.ConnectionString, _folder.Combine("cache"), Schema));
    }

    private string WriteManifest(int epochs)
    {
        string path = _folder.Combine("tiny.json");
        File.WriteAllText(path, $$"""
            {
              "name": "history-tiny",
              "seed": 11,
              "threads": 2,
              "data": {
                "folder": "{{SharedFolder.Dogs}}",
                "crops": ["top-left", "padded-box"],
                "maxImages": 64
              },
              "architecture": { "plugin": "dcgan", "options": { "ch": 2, "nz": 16 } },
              "loss": { "plugin": "hard-margin" },
              "averager": { "plugin": "ema" },
              "training": { "epochs": {{epochs}}, "batchSize": 32 },
              "outputs": { "samplesEvery": 2, "checkpointEvery": 2, "keepCheckpoints": 1 }
            }
            """);
        return path;
    }
}
