using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Store;

namespace DogGan.Tests.Store;

[Collection(PostgresCollection.Name)]
public sealed class RunRecorderTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private RunStore _store = null!;

    public RunRecorderTests(PostgresFixture postgres)
    {
        _postgres = postgres;
    }

    public async Task InitializeAsync() => _store = await _postgres.StoreAsync("recorder_tests");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveAsync_EventsOverSeveralSaves_ReadBackInStreamOrderWithTheirEpochs()
    {
        var id = Guid.NewGuid();
        await using (RunRecorder recorder = _store.NewRun())
        {
            await recorder.StartAsync(TestRuns.Started(id, "order", DateTimeOffset.UtcNow));
            for (int epoch = 1; epoch <= 3; epoch++)
            {
                recorder.Append(TestRuns.Epoch(epoch, 1.0 / epoch, 2.0 / epoch));
                recorder.Append(new SamplesRendered(epoch, $"samples/{epoch:000}.png", "ab", 8, 8));
                await recorder.SaveAsync();
                Assert.Equal(0, recorder.PendingCount);
                Assert.Equal(1 + 2 * epoch, recorder.Version);
            }
            recorder.Append(new ExperimentCompleted(3, 4.5, false));
            await recorder.SaveAsync();
        }

        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(id);

        Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), events.Select(e => e.Version));
        ExperimentStarted started = Assert.IsType<ExperimentStarted>(events[0].Data);
        Assert.Equal(id, started.RunId);
        Assert.Equal(2, started.Plugins.Count);
        Assert.Equal(12, started.Data.Crops);
        Assert.Equal(
            [typeof(EpochCompleted), typeof(SamplesRendered), typeof(EpochCompleted), typeof(SamplesRendered),
             typeof(EpochCompleted), typeof(SamplesRendered), typeof(ExperimentCompleted)],
            events.Skip(1).Select(e => e.Data.GetType()));
        Assert.Equal([1, 2, 3], events.Select(e => e.Data).OfType<EpochCompleted>().Select(e => e.Epoch));
        Assert.Equal(2.0 / 3, events.Select(e => e.Data).OfType<EpochCompleted>().Last().GeneratorLoss);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public async Task RunSummary_StartedThenEpochsThenCompleted_TracksStatusFiguresAndArtifacts()
    {
        var id = Guid.NewGuid();
        await using RunRecorder recorder = _store.NewRun();
        await recorder.StartAsync(TestRuns.Started(id, "summary", DateTimeOffset.UtcNow, epochs: 3));

        RunSummary started = await _store.FindRunAsync(id.ToString());
        Assert.Equal(RunStatus.Running, started.Status);
        Assert.Equal(0, started.EpochsDone);
        Assert.Equal(3, started.EpochsPlanned);
        Assert.Equal(["loss=hard-margin", "averager=ema"], started.Plugins);
        Assert.Null(started.EndedAt);

        recorder.Append(TestRuns.Epoch(1, dLoss: 0.9, gLoss: 3.0));
        recorder.Append(new CheckpointSaved(1, "checkpoints/001.pt", "c1", 10));
        await recorder.SaveAsync();
        recorder.Append(TestRuns.Epoch(2, dLoss: 0.5, gLoss: 4.0));
        recorder.Append(new SamplesRendered(2, "samples/002.png", "s2", 8, 8));
        recorder.Append(new CheckpointSaved(2, "checkpoints/002.pt", "c2", 10));
        recorder.Append(new CheckpointRemoved(1, "checkpoints/001.pt"));
        await recorder.SaveAsync();

        RunSummary midway = await _store.FindRunAsync(id.ToString());
        Assert.Equal(2, midway.EpochsDone);
        Assert.Equal(0.5, midway.LastDiscriminatorLoss);
        Assert.Equal(4.0, midway.LastGeneratorLoss);
        Assert.Equal(3.0, midway.BestGeneratorLoss);
        Assert.Equal(0.5, midway.BestDiscriminatorLoss);
        Assert.Equal(0.7, midway.LastRealScore);
        Assert.Equal(0.3, midway.LastFakeScore);
        Assert.Equal("samples/002.png", midway.LastSamplePath);
        Assert.Equal(("checkpoints/002.pt", "c2"), (midway.LastCheckpointPath, midway.LastCheckpointSha256));
        Assert.Equal(RunStatus.Running, midway.Status);

        recorder.Append(TestRuns.Epoch(3, dLoss: 0.7, gLoss: 2.0));
        recorder.Append(new ExperimentCompleted(3, 12.0, false));
        await recorder.SaveAsync();

        RunSummary done = await _store.FindRunAsync(id.ToString());
        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(id);
        Assert.Equal(RunStatus.Completed, done.Status);
        Assert.Equal(3, done.EpochsDone);
        Assert.Equal(2.0, done.BestGeneratorLoss);
        // The summary holds .NET's 100 ns ticks; PostgreSQL keeps the event's to the microsecond.
        Assert.Equal(events[^1].Timestamp, done.EndedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(events.Count, done.Version);
        Assert.Equal((42L, "cpu"), (done.Seed, done.Device));
    }

    [Fact]
    public async Task RunSummary_FailedAfterNaNEpoch_HasFailedStatusErrorAndKeepsTheNaN()
    {
        var id = Guid.NewGuid();
        await using RunRecorder recorder = _store.NewRun();
        await recorder.StartAsync(TestRuns.Started(id, "failing", DateTimeOffset.UtcNow));
        recorder.Append(TestRuns.Epoch(1, 0.8, double.NaN));
        recorder.Append(new ExperimentFailed(1, "DataException", "all-dogs/ is empty"));
        await recorder.SaveAsync();

        RunSummary failed = await _store.FindRunAsync(id.ToString("N")[..12]);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("DataException: all-dogs/ is empty", failed.Error);
        Assert.Equal(1, failed.EpochsDone);
        Assert.Null(failed.BestGeneratorLoss);
        Assert.True(double.IsNaN(failed.LastGeneratorLoss!.Value));
        Assert.NotNull(failed.EndedAt);
        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(id);
        Assert.True(double.IsNaN(Assert.IsType<EpochCompleted>(events[1].Data).GeneratorLoss));
        Assert.Equal(0.8, Assert.IsType<EpochCompleted>(events[1].Data).DiscriminatorLoss);
    }

    [Fact]
    public async Task SaveAsync_SecondWriterWithStaleVersion_ThrowsStoreExceptionAndKeepsItsEvents()
    {
        var id = Guid.NewGuid();
        await using RunRecorder first = _store.NewRun();
        await first.StartAsync(TestRuns.Started(id, "contended", DateTimeOffset.UtcNow));
        RunRecorder second = await _store.ReopenRunAsync(id);
        Assert.Equal(1, second.Version);

        first.Append(TestRuns.Epoch(1, 1.0, 1.0));
        await first.SaveAsync();
        second.Append(TestRuns.Epoch(1, 9.0, 9.0));
        var error = await Assert.ThrowsAsync<StoreException>(() => second.SaveAsync());

        Assert.Contains("another process is writing this run", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(1, second.PendingCount);
        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(id);
        Assert.Equal(2, events.Count);
        Assert.Equal(1.0, Assert.IsType<EpochCompleted>(events[1].Data).GeneratorLoss);
    }

    [Fact]
    public async Task StartAsync_RunIdAlreadyRecorded_ThrowsStoreExceptionAndLeavesTheFirstRun()
    {
        var id = Guid.NewGuid();
        await using RunRecorder first = _store.NewRun();
        await first.StartAsync(TestRuns.Started(id, "first", DateTimeOffset.UtcNow));
        await using RunRecorder second = _store.NewRun();

        var error = await Assert.ThrowsAsync<StoreException>(
            () => second.StartAsync(TestRuns.Started(id, "second", DateTimeOffset.UtcNow)));

        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await _store.FindRunAsync(id.ToString())).Name);
        Assert.Single(await _store.ReadStreamAsync(id));
    }

    [Fact]
    public async Task ReopenRunAsync_ExistingRun_AppendsAfterItsLastEvent()
    {
        var id = Guid.NewGuid();
        await using (RunRecorder recorder = _store.NewRun())
        {
            await recorder.StartAsync(TestRuns.Started(id, "resumed", DateTimeOffset.UtcNow));
            recorder.Append(TestRuns.Epoch(1, 1.0, 1.0));
            recorder.Append(new ExperimentInterrupted(1, "Ctrl-C"));
        }

        await using (RunRecorder resumed = await _store.ReopenRunAsync(id))
        {
            Assert.Equal(3, resumed.Version);
            resumed.Append(TestRuns.Epoch(2, 0.5, 0.5));
            await resumed.SaveAsync();
            Assert.Equal(4, resumed.Version);
        }

        IReadOnlyList<RecordedEvent> events = await _store.ReadStreamAsync(id);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Version));
        Assert.Equal(2, Assert.IsType<EpochCompleted>(events[3].Data).Epoch);
        RunSummary summary = await _store.FindRunAsync(id.ToString());
        Assert.Equal(2, summary.EpochsDone);
        Assert.Equal("Ctrl-C", summary.Error);
    }

    [Fact]
    public async Task ReopenRunAsync_UnknownRun_ThrowsStoreExceptionNamingIt()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<StoreException>(() => _store.ReopenRunAsync(id));

        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_NotARunEvent_ThrowsNamingTheTypeAndTheValidOnes()
    {
        await using RunRecorder recorder = _store.NewRun();
        await recorder.StartAsync(TestRuns.Started(Guid.NewGuid(), "typed", DateTimeOffset.UtcNow));

        var error = Assert.Throws<ArgumentException>(() => recorder.Append("epoch 1"));

        Assert.Contains("String is not a run event", error.Message, StringComparison.Ordinal);
        Assert.Contains("EpochCompleted", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, recorder.PendingCount);
    }
}
