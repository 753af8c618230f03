using DogGan.Contracts.Errors;
using DogGan.Host.Store;

namespace DogGan.Tests.Store;

[Collection(PostgresCollection.Name)]
public sealed class RunQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly PostgresFixture _postgres;
    private RunStore _store = null!;
    // Static: xunit makes an instance per test, and the three runs are seeded once per schema.
    private static readonly Guid Oldest = TestRuns.IdWithPrefix("aaaa1");
    private static readonly Guid Middle = TestRuns.IdWithPrefix("aaaa2");
    private static readonly Guid Newest = TestRuns.IdWithPrefix("bbbb1");

    public RunQueryTests(PostgresFixture postgres)
    {
        _postgres = postgres;
    }

    public async Task InitializeAsync()
    {
        _store = await _postgres.StoreAsync("query_tests");
        // Started out of order, and one in another time zone, so the order is the instant's.
        await StartAsync(Middle, "middle", Monday.AddHours(1));
        await StartAsync(Newest, "newest", new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.FromHours(-2)));
        await StartAsync(Oldest, "oldest", Monday);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListRunsAsync_ThreeRuns_NewestStartFirst()
    {
        IReadOnlyList<RunSummary> runs = await _store.ListRunsAsync();

        Assert.Equal(["newest", "middle", "oldest"], runs.Select(r => r.Name));
        Assert.Equal([Newest, Middle, Oldest], runs.Select(r => r.Id));
    }

    [Theory]
    [InlineData("bbbb", "newest")]
    [InlineData("aaaa2", "middle")]
    [InlineData("AAAA1", "oldest")]
    public async Task FindRunAsync_UniquePrefix_ReturnsThatRun(string prefix, string name)
    {
        RunSummary run = await _store.FindRunAsync(prefix);

        Assert.Equal(name, run.Name);
        Assert.StartsWith(prefix.ToLowerInvariant(), run.Id.ToString("N"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindRunAsync_FullIdWithHyphens_ReturnsThatRun()
    {
        RunSummary run = await _store.FindRunAsync(Middle.ToString("D"));

        Assert.Equal(Middle, run.Id);
    }

    [Fact]
    public async Task FindRunAsync_PrefixOfTwoRuns_ThrowsStoreExceptionListingBoth()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => _store.FindRunAsync("aaaa"));

        Assert.Contains("matches 2 runs", error.Message, StringComparison.Ordinal);
        Assert.Contains(Oldest.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Middle.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("cccc", "no run id starts with 'cccc'")]
    [InlineData("run-7", "'run-7' is not a run id")]
    public async Task FindRunAsync_UnknownOrMalformed_ThrowsOneLineStoreException(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => _store.FindRunAsync(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ReadStreamAsync_UnknownRun_IsEmpty()
    {
        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(Guid.NewGuid());

        Assert.Empty(events);
    }

    private async Task StartAsync(Guid id, string name, DateTimeOffset startedAt)
    {
        if ((await _store.ListRunsAsync()).Any(r => r.Id == id))
        {
            return;
        }
        await using RunRecorder recorder = _store.NewRun();
        await recorder.StartAsync(TestRuns.Started(id, name, startedAt));
    }
}
