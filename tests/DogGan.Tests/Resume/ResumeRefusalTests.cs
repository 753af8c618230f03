using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Tests.Store;

namespace DogGan.Tests.Resume;

/// <summary>
/// What a resume refuses, each with one line that says what to do, before it writes anything:
/// a completed run, a checkpoint that is not the recorded file, a run another process is
/// training; and a second writer at a stale stream version.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ResumeRefusalTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "resume_refusals";
    private readonly TempFolder _folder = new("resume-refusals");

    [Fact]
    public async Task Resume_CompletedRun_IsRefusedAndTheStreamIsUnchanged()
    {
        RunStore store = await postgres.StoreAsync(Schema);
        Guid runId = await RecordAsync(store, new CheckpointSaved(1, "checkpoints/epoch-0001.ckpt", "ab", 2),
            new ExperimentCompleted(1, 3.0, false));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => Harness().ResumeAsync(runId));

        Assert.Equal($"run {runId} completed all its 1 epochs, so there is nothing to resume; pass --epochs N "
            + "with N above 1 to train it further, or start a new run", error.Message);
        Assert.Equal(4, (await store.ReadStreamAsync(runId)).Count);
        Assert.Equal(RunStatus.Completed, (await store.FindRunAsync(runId.ToString())).Status);
    }

    [Fact]
    public async Task Resume_CheckpointWhoseHashDiffersFromItsEvent_IsRefusedBeforeLoading()
    {
        RunStore store = await postgres.StoreAsync(Schema);
        string file = _folder.Combine("checkpoints", "epoch-0001.ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not the recorded bytes");
        string recorded = new('0', 64);
        Guid runId = await RecordAsync(store, new CheckpointSaved(1, "checkpoints/epoch-0001.ckpt", recorded, 22),
            new ExperimentFailed(1, "IOException", "disk full"));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => Harness().ResumeAsync(runId, epochs: 2));

        Assert.Equal($"checkpoint {file} has SHA-256 {Checkpoint.Sha256Of(file)} but the run recorded {recorded}: "
            + "the file was changed or damaged; restore the recorded file or start a new run", error.Message);
        Assert.Equal(4, (await store.ReadStreamAsync(runId)).Count);
    }

    [Fact]
    public async Task Resume_RunAnotherProcessHoldsTheLeaseOf_IsRefusedUntilItIsReleased()
    {
        RunStore store = await postgres.StoreAsync(Schema);
        Guid runId = await RecordAsync(store, new CheckpointSaved(1, "checkpoints/epoch-0001.ckpt", "ab", 2));
        StoreException error;
        // The lease of a live host; it stands for another process training the run right now.
        await using (RunLease other = await store.LeaseRunAsync(runId))
        {
            error = await Assert.ThrowsAsync<StoreException>(() => Harness().ResumeAsync(runId));
        }

        Assert.StartsWith($"run {runId} is being trained by another host process right now", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(3, (await store.ReadStreamAsync(runId)).Count);
        // Released with its connection: the next taker gets it.
        await using RunLease next = await store.LeaseRunAsync(runId);
        Assert.Equal(runId, next.RunId);
    }

    [Fact]
    public async Task SaveAsync_TwoResumesReopenedAtTheSameVersion_SecondFailsWithOneLineError()
    {
        RunStore store = await postgres.StoreAsync(Schema);
        Guid runId = await RecordAsync(store, new CheckpointSaved(1, "checkpoints/epoch-0001.ckpt", "ab", 2));
        await using RunRecorder first = await store.ReopenRunAsync(runId);
        RunRecorder second = await store.ReopenRunAsync(runId);
        var resumed = new ExperimentResumed(1, "checkpoints/epoch-0001.ckpt", "ab", 0, 3, 2, "test",
            DateTimeOffset.UtcNow);
        first.Append(resumed);
        second.Append(resumed);

        await first.SaveAsync();
        var error = await Assert.ThrowsAsync<StoreException>(() => second.SaveAsync());

        Assert.Contains("was changed by another process (expected it at version 3)", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(runId);
        Assert.Single(events, e => e.Data is ExperimentResumed);
        Assert.Equal(4, events.Count);
    }

    public void Dispose() => _folder.Dispose();

    private TinyRuns Harness() => new(postgres.ConnectionString, Schema, _folder);

    // A run whose folder is this test's temp folder: started, epoch 1, then the given events.
    private async Task<Guid> RecordAsync(RunStore store, params object[] events)
    {
        Guid runId = Guid.CreateVersion7();
        await using RunRecorder recorder = store.NewRun();
        await recorder.StartAsync(TestRuns.Started(runId, "refused", DateTimeOffset.UtcNow, epochs: 1)
            with { RunFolder = _folder.Path });
        recorder.Append(TestRuns.Epoch(1, 1.2, 0.8));
        foreach (object e in events)
        {
            recorder.Append(e);
        }

        await recorder.SaveAsync();
        return runId;
    }
}
