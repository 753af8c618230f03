using System.Text.Json.Nodes;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.History;
using DogGan.Host.Store;
using DogGan.Tests.Store;
using Marten;

namespace DogGan.Tests.History;

[Collection(PostgresCollection.Name)]
public sealed class HistoryStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private Task<RunStore> StoreAsync() => postgres.StoreAsync("history_store");

    [Fact]
    public async Task ResolveRunAsync_NameAtLatest_ReturnsNewestStartOfThatName()
    {
        RunStore store = await StoreAsync();
        string name = Unique("latest");
        await HistoryRuns.RecordAsync(store, name, Monday, 1, HistoryRuns.Manifest());
        Guid newest = await HistoryRuns.RecordAsync(store, name, Monday.AddDays(2), 1, HistoryRuns.Manifest());
        await HistoryRuns.RecordAsync(store, name, Monday.AddDays(1), 1, HistoryRuns.Manifest());
        await HistoryRuns.RecordAsync(store, Unique("other"), Monday.AddDays(3), 1, HistoryRuns.Manifest());

        RunSummary run = await store.ResolveRunAsync($"{name}@latest");

        Assert.Equal(newest, run.Id);
    }

    [Fact]
    public async Task ResolveRunAsync_PrefixAndFullId_ResolveToTheRun()
    {
        RunStore store = await StoreAsync();
        Guid id = TestRuns.IdWithPrefix("dd77e1");
        await HistoryRuns.RecordAsync(store, Unique("prefix"), Monday, 1, HistoryRuns.Manifest(), id: id);

        Assert.Equal(id, (await store.ResolveRunAsync("dd77e1")).Id);
        Assert.Equal(id, (await store.ResolveRunAsync(id.ToString())).Id);
    }

    [Theory]
    [InlineData("nosuchname@latest", "no run is named 'nosuchname' in the store at ")]
    [InlineData("ffff0000eeee", "no run id starts with 'ffff0000eeee'; list runs to see the ids")]
    public async Task ResolveRunAsync_Unknown_ThrowsOneLineStoreExceptionSayingWhatToDo(string reference, string start)
    {
        RunStore store = await StoreAsync();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ResolveRunAsync(reference));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ResolveRunAsync_AmbiguousPrefix_ThrowsListingTheMatches()
    {
        RunStore store = await StoreAsync();
        Guid first = TestRuns.IdWithPrefix("ab12c1");
        Guid second = TestRuns.IdWithPrefix("ab12c2");
        await HistoryRuns.RecordAsync(store, Unique("amb"), Monday, 1, HistoryRuns.Manifest(), id: first);
        await HistoryRuns.RecordAsync(store, Unique("amb"), Monday, 1, HistoryRuns.Manifest(), id: second);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ResolveRunAsync("ab12c"));

        Assert.Contains("matches 2 runs", error.Message, StringComparison.Ordinal);
        Assert.Contains(first.ToString(), error.Message, StringComparison.Ordinal);
        Assert.EndsWith("give more of the id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAndLoad_RunOfNewerFormat_ThrowsOneLineErrorNamingBothFormats()
    {
        RunStore store = await StoreAsync();
        Guid id = await HistoryRuns.RecordAsync(store, Unique("future"), Monday, 1, HistoryRuns.Manifest(),
            formatVersion: ExperimentStarted.CurrentFormatVersion + 1);

        var resolve = await Assert.ThrowsAsync<StoreException>(() => store.ResolveRunAsync(id.ToString()));
        var load = await Assert.ThrowsAsync<StoreException>(() => HistoryQueries.LoadAsync(store, id, default));

        string expected = $"run {id} (";
        foreach (StoreException error in new[] { resolve, load })
        {
            Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
            Assert.Contains($"event format {ExperimentStarted.CurrentFormatVersion + 1} but this host reads format "
                + ExperimentStarted.CurrentFormatVersion, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Fact]
    public async Task Annotate_TagsAndNote_LandAsEventsAndInTheSummary()
    {
        RunStore store = await StoreAsync();
        Guid id = await HistoryRuns.RecordAsync(store, Unique("tagged"), Monday, 2, HistoryRuns.Manifest());
        RunSummary run = await store.ResolveRunAsync(id.ToString());

        await store.AnnotateAsync(run, new RunTagged("baseline"), force: false);
        await store.AnnotateAsync(run, new RunTagged("lr-5e-4"), force: false);
        await store.AnnotateAsync(run, new RunTagged("baseline"), force: false);
        await store.AnnotateAsync(run, new RunNoteAdded("D wins from epoch 2"), force: false);

        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(id);
        Assert.Equal(["baseline", "lr-5e-4", "baseline"],
            events.Select(e => e.Data).OfType<RunTagged>().Select(t => t.Tag));
        Assert.Equal("D wins from epoch 2", Assert.Single(events.Select(e => e.Data).OfType<RunNoteAdded>()).Text);
        RunSummary after = await store.ResolveRunAsync(id.ToString());
        Assert.Equal(["baseline", "lr-5e-4"], after.Tags);
        Assert.Equal(["D wins from epoch 2"], after.Notes);
        Assert.Equal(events.Count, after.Version);
        RunHistory history = await HistoryQueries.LoadAsync(store, id, default);
        Assert.Equal(4, history.Annotations.Count);
    }

    [Fact]
    public async Task Annotate_RunStillRunning_RefusedUnlessForced()
    {
        RunStore store = await StoreAsync();
        Guid id = await HistoryRuns.RecordAsync(store, Unique("running"), Monday, 1, HistoryRuns.Manifest(),
            complete: false);
        RunSummary run = await store.ResolveRunAsync(id.ToString());

        var error = await Assert.ThrowsAsync<StoreException>(
            () => store.AnnotateAsync(run, new RunTagged("x"), force: false));
        await store.AnnotateAsync(run, new RunTagged("forced"), force: true);

        Assert.Contains("is still running", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("pass --force if its process is gone", error.Message, StringComparison.Ordinal);
        Assert.Equal(["forced"], (await store.ResolveRunAsync(id.ToString())).Tags);
    }

    [Fact]
    public async Task Summary_SyntheticRun_ListsSamplesCheckpointsAndSpeed()
    {
        RunStore store = await StoreAsync();
        Guid id = await HistoryRuns.RecordAsync(store, Unique("lists"), Monday, 7, HistoryRuns.Manifest());

        RunSummary run = await store.ResolveRunAsync(id.ToString());

        Assert.Equal([2, 4, 6], run.Samples.Select(s => s.Epoch));
        Assert.Equal([(3, true), (6, false)], run.Checkpoints.Select(c => (c.Epoch, c.Removed)));
        Assert.Equal(ExperimentStarted.CurrentFormatVersion, run.FormatVersion);
        Assert.Equal(["architecture", "loss"], run.PluginDetails.Select(p => p.Role));
        IReadOnlyList<EpochCompleted> epochs = (await HistoryQueries.LoadAsync(store, id, default))
            .Epochs.Select(e => e.Stats).ToList();
        double expected = epochs.Sum(e => e.ImagesPerSecond * e.WallSeconds) / epochs.Sum(e => e.WallSeconds);
        Assert.Equal(expected, run.ImagesPerSecond!.Value, 9);
    }

    [Fact]
    public async Task RebuildSummariesAsync_AfterRunsTagsAndNotes_DocumentsAreJsonEqualToTheLiveOnes()
    {
        RunStore store = await StoreAsync();
        Guid id = await HistoryRuns.RecordAsync(store, Unique("rebuild"), Monday, 9, HistoryRuns.Manifest());
        await HistoryRuns.RecordAsync(store, Unique("rebuild"), Monday, 2, HistoryRuns.Manifest(), complete: false);
        RunSummary done = await store.ResolveRunAsync(id.ToString());
        await store.AnnotateAsync(done, new RunTagged("kept"));
        await store.AnnotateAsync(done, new RunNoteAdded("a note"));
        Dictionary<Guid, JsonNode?> live = await AllSummariesAsync(store);

        int count = await store.RebuildSummariesAsync();
        Dictionary<Guid, JsonNode?> rebuilt = await AllSummariesAsync(store);

        Assert.Equal(live.Count, count);
        Assert.Equal(live.Keys.Order(), rebuilt.Keys.Order());
        foreach ((Guid runId, JsonNode? document) in live)
        {
            Assert.True(JsonNode.DeepEquals(document, rebuilt[runId]),
                $"run {runId}: live {document?.ToJsonString()} != rebuilt {rebuilt[runId]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task QueryRunsAsync_Filters_SelectByNameStatusSinceAndTag()
    {
        RunStore store = await StoreAsync();
        string name = Unique("filter");
        Guid old = await HistoryRuns.RecordAsync(store, name, Monday.AddYears(-5), 1, HistoryRuns.Manifest());
        Guid running = await HistoryRuns.RecordAsync(store, name, Monday.AddYears(-5).AddDays(1), 1,
            HistoryRuns.Manifest(), complete: false);
        Guid recent = await HistoryRuns.RecordAsync(store, name, Monday.AddYears(-4), 1, HistoryRuns.Manifest());
        string tag = Unique("t");
        await store.AnnotateAsync(await store.ResolveRunAsync(recent.ToString()), new RunTagged(tag));

        Assert.Equal([recent, running, old], (await store.QueryRunsAsync(new RunFilter(Name: name))).Select(r => r.Id));
        Assert.Equal([running], (await store.QueryRunsAsync(new RunFilter(name, RunStatus.Running))).Select(r => r.Id));
        Assert.Equal([recent],
            (await store.QueryRunsAsync(new RunFilter(name, Since: Monday.AddYears(-4).AddHours(-1))))
            .Select(r => r.Id));
        Assert.Equal([recent], (await store.QueryRunsAsync(new RunFilter(Tag: tag))).Select(r => r.Id));
    }

    private static async Task<Dictionary<Guid, JsonNode?>> AllSummariesAsync(RunStore store)
    {
        await using IQuerySession session = store.Documents.QuerySession();
        IReadOnlyList<RunSummary> runs = await session.Query<RunSummary>().ToListAsync();
        var documents = new Dictionary<Guid, JsonNode?>();
        foreach (RunSummary run in runs)
        {
            // The stored JSON itself, not the object read back from it.
            string? json = await session.Json.FindByIdAsync<RunSummary>(run.Id);
            documents[run.Id] = JsonNode.Parse(json!);
        }
        return documents;
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
}
