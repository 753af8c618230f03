using DogGan.Contracts.Events;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Store;
using DogGan.Tests.Store;

namespace DogGan.Tests.Resume;

/// <summary>
/// A run stopped after epoch 2 and resumed is the run that never stopped: the same losses,
/// bit for bit, and the same final tensors. In the torch collection, because the training
/// stream is torch's global generator and no other test may draw from it meanwhile; with a
/// throwaway cluster of its own, since that collection has no store.
/// </summary>
[Collection("torch")]
public sealed class ExactResumeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string Schema = "resume_exact";
    private readonly TempFolder _folder = new("resume-exact");

    [Fact]
    public async Task Resume_RunStoppedAfterEpoch2_MatchesUninterruptedRunBitForBit()
    {
        var harness = new TinyRuns(postgres.ConnectionString, Schema, _folder);
        // The uninterrupted run samples only at its end, the other every epoch: sampling has a
        // random stream of its own, so how often a run samples must not move its losses.
        RunOutcome whole = await harness.RunAsync(
            harness.WriteManifest(ResumeRuns.Manifest("whole", epochs: 4, samplesEvery: 3)));
        RunOutcome first = await harness.RunAsync(
            harness.WriteManifest(ResumeRuns.Manifest("parts", epochs: 4, samplesEvery: 1)),
            new ManifestOverrides(Epochs: 2));
        Assert.Equal((RunStatus.Completed, 2), (first.Status, first.Epochs));

        RunOutcome resumed = await harness.ResumeAsync(first.RunId, epochs: 4);

        Assert.Equal((first.RunId, RunStatus.Completed, 4), (resumed.RunId, resumed.Status, resumed.Epochs));
        RunStore store = await postgres.StoreAsync(Schema);
        IReadOnlyList<RecordedEvent> expected = await store.ReadStreamAsync(whole.RunId);
        IReadOnlyList<RecordedEvent> actual = await store.ReadStreamAsync(first.RunId);

        // Every epoch once, in the raw stream as in the current history, figures bit for bit equal.
        EpochCompleted[] wanted = expected.Select(e => e.Data).OfType<EpochCompleted>().ToArray();
        EpochCompleted[] got = actual.Select(e => e.Data).OfType<EpochCompleted>().ToArray();
        Assert.Equal([1, 2, 3, 4], got.Select(e => e.Epoch));
        Assert.Equal(got, SupersededEpochs.Current(actual).Select(e => e.Data).OfType<EpochCompleted>());
        Assert.Equal(Figures(wanted), Figures(got));

        // The stream says what happened: completed at 2, resumed from 2, completed at 4.
        Assert.Equal(Enumerable.Range(1, actual.Count).Select(v => (long)v), actual.Select(e => e.Version));
        object[] ends = actual.Select(e => e.Data)
            .Where(d => d is ExperimentCompleted or ExperimentResumed).ToArray();
        Assert.Equal(3, ends.Length);
        Assert.Equal(2, Assert.IsType<ExperimentCompleted>(ends[0]).Epochs);
        var resume = Assert.IsType<ExperimentResumed>(ends[1]);
        Assert.Equal((2, 0, 4), (resume.FromEpoch, resume.DiscardedEpochs, resume.Epochs));
        Assert.Equal(4, Assert.IsType<ExperimentCompleted>(ends[2]).Epochs);

        // The final checkpoints hold the same networks, optimiser states, average and RNG state.
        string Final(RunOutcome run, IReadOnlyList<RecordedEvent> events) => Path.Combine(run.RunFolder,
            events.Select(e => e.Data).OfType<CheckpointSaved>().Single(c => c.Epoch == 4).Path);
        Assert.Equal(ResumeRuns.CheckpointBody(Final(whole, expected)),
            ResumeRuns.CheckpointBody(Final(first, actual)));

        RunSummary summary = await store.FindRunAsync(first.RunId.ToString());
        Assert.Equal((RunStatus.Completed, 4, 4), (summary.Status, summary.EpochsDone, summary.EpochsPlanned));
    }

    public void Dispose() => _folder.Dispose();

    // Exact bits: a resume that is merely close is not exact.
    private static long[] Figures(IEnumerable<EpochCompleted> epochs) => epochs
        .SelectMany(e => new[] { e.DiscriminatorLoss, e.GeneratorLoss, e.RealScore, e.FakeScore })
        .Select(BitConverter.DoubleToInt64Bits)
        .ToArray();
}
