using DogGan.Host.History;
using DogGan.Host.Store;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;

namespace DogGan.Tests.History;

[Collection(PostgresCollection.Name)]
public sealed class CompareTests(PostgresFixture postgres) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("compare");

    [Fact]
    public async Task CompareAsync_RunsByTag_TableHasFiguresPluginsAndOnlyTheDifferingManifestPaths()
    {
        RunStore store = await postgres.StoreAsync("history_compare");
        string tag = $"cmp-{Guid.NewGuid():N}"[..12];
        var ids = new List<Guid>();
        foreach ((int width, string loss, double shift) in
                 new[] { (8, "hard-margin", 0.0), (16, "hard-margin", 0.2), (8, "bce", 0.4) })
        {
            Guid id = await HistoryRuns.RecordAsync(store, "cmp", Start.AddMinutes(ids.Count), 30,
                HistoryRuns.Manifest(width, loss), lossShift: shift);
            await store.AnnotateAsync(await store.ResolveRunAsync(id.ToString()), new Contracts.Events.RunTagged(tag));
            ids.Add(id);
        }
        var output = new StringWriter();
        string plot = _folder.Combine("compare.png");

        CompareReport report = await HistoryQueries.CompareAsync(store, TinyRuns.Console(output), [],
            new RunFilter(Tag: tag), plot);

        Assert.Equal(Enumerable.Reverse(ids), report.Runs.Select(r => r.Id));
        Assert.Equal(["$.architecture.options.ch", "$.loss.plugin"], report.ManifestDifferences.Select(d => d.Path));
        CompareRow ch = Assert.Single(report.Rows, r => r.Label == "$.architecture.options.ch");
        Assert.Equal(["8", "16", "8"], ch.Values);
        CompareRow epochs = Assert.Single(report.Rows, r => r.Label == "epochs");
        Assert.All(epochs.Values, v => Assert.Equal("30/30", v));
        CompareRow plugin = Assert.Single(report.Rows, r => r.Label == "plugin architecture");
        Assert.All(plugin.Values, v => Assert.Equal("dcgan (DogGan.Plugins.Architectures 0.1.0)", v));
        CompareRow best = Assert.Single(report.Rows, r => r.Label == "best G loss");
        Assert.Equal(
            report.Runs.Select(r =>
                r.BestGeneratorLoss!.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)),
            best.Values);
        Assert.Contains("3 run(s); 2 manifest key(s) differ", output.ToString(), StringComparison.Ordinal);
        using Image image = Image.Load(plot);
        Assert.Equal((CurvePlot.Width, CurvePlot.Height), (image.Width, image.Height));
        Assert.True(new FileInfo(plot).Length > 20_000, $"the plot is only {new FileInfo(plot).Length} bytes");
    }

    [Fact]
    public async Task SelectAsync_FilterMatchingNothing_ThrowsOneLineErrorNamingTheFilter()
    {
        RunStore store = await postgres.StoreAsync("history_compare");

        var error = await Assert.ThrowsAsync<Contracts.Errors.StoreException>(
            () => HistoryQueries.SelectAsync(store, [], new RunFilter(Name: "never-recorded")));

        Assert.Contains("matches --name never-recorded; 'host runs' lists them", error.Message,
            StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
