using DogGan.Contracts.Events;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Tests.Store;

namespace DogGan.Tests.Resume;

/// <summary>
/// A run that checkpoints every 2 epochs and crashed after recording epoch 3 resumes from
/// epoch 2: the resume supersedes epoch 3, and the history reads every epoch exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SupersededEpochsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Current_EpochRecordedPastTheCheckpointThenResumed_ListsEveryEpochOnce()
    {
        RunStore store = await postgres.StoreAsync("resume_superseded");
        Guid runId = Guid.CreateVersion7();
        await using (RunRecorder recorder = store.NewRun())
        {
            await recorder.StartAsync(TestRuns.Started(runId, "superseded", DateTimeOffset.UtcNow, epochs: 4));
            recorder.Append(TestRuns.Epoch(1, 1.3, 0.9));
            recorder.Append(TestRuns.Epoch(2, 1.2, 0.8));
            recorder.Append(new CheckpointSaved(2, "checkpoints/epoch-0002.ckpt", "ab", 2));
            recorder.Append(TestRuns.Epoch(3, 0.1, 0.1));
            recorder.Append(new SamplesRendered(3, "samples/epoch-0003.png", "cd", 4, 4));
            await recorder.SaveAsync();
        }

        // The crash left epoch 3 recorded without a checkpoint: the plan goes back to 2.
        ResumePlan plan = ResumePlan.From(runId, await store.ReadStreamAsync(runId), epochs: null);
        Assert.Equal((2, 3, 1, 4), (plan.Checkpoint.Epoch, plan.LastRecordedEpoch, plan.DiscardedEpochs,
            plan.PlannedEpochs));

        await using (RunRecorder recorder = await store.ReopenRunAsync(runId))
        {
            recorder.Append(new ExperimentResumed(2, plan.Checkpoint.Path, "ab", plan.DiscardedEpochs, 4, 2, "test",
                DateTimeOffset.UtcNow));
            await recorder.SaveAsync();
            RunSummary during = await store.FindRunAsync(runId.ToString());
            Assert.Equal((RunStatus.Running, 2, (double?)null), (during.Status, during.EpochsDone,
                during.LastGeneratorLoss));
            recorder.Append(TestRuns.Epoch(3, 1.1, 0.7));
            recorder.Append(TestRuns.Epoch(4, 1.0, 0.6));
            recorder.Append(new ExperimentCompleted(4, 9.0, false));
            await recorder.SaveAsync();
        }

        IReadOnlyList<RecordedEvent> raw = await store.ReadStreamAsync(runId);
        IReadOnlyList<RecordedEvent> current = SupersededEpochs.Current(raw);
        EpochCompleted[] epochs = current.Select(e => e.Data).OfType<EpochCompleted>().ToArray();
        Assert.Equal([1, 2, 3, 4], epochs.Select(e => e.Epoch));
        Assert.Equal(1.1, epochs[2].DiscriminatorLoss);
        Assert.DoesNotContain(current, e => e.Data is SamplesRendered);
        // The raw stream keeps what happened; only the superseded epoch's events are left out.
        Assert.Equal(raw.Count - 2, current.Count);
        RunSummary summary = await store.FindRunAsync(runId.ToString());
        Assert.Equal((RunStatus.Completed, 4, 4, (double?)0.6), (summary.Status, summary.EpochsDone,
            summary.EpochsPlanned, summary.LastGeneratorLoss));
    }
}
