using DogGan.Host.History;
using DogGan.Host.Messages;
using DogGan.Host.Store;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;

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
        var runs = new TinyRuns(postgres.ConnectionString, Schema, _folder);
        string manifest = runs.WriteManifest(new TinyManifest("history-tiny", 3)
        {
            SamplesEvery = 2,
            CheckpointEvery = 2,
            KeepCheckpoints = 1,
        });
        var live = new StringWriter();
        RunOutcome outcome = await runs.RunAsync(manifest, output: live);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        RunStore store = await postgres.StoreAsync(Schema);
        var replayed = new StringWriter();
        string plot = _folder.Combine("plots", "replay.png");

        RunHistory history = await HistoryQueries.ReplayAsync(store, TinyRuns.Console(replayed),
            "history-tiny@latest", plot);

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
}
