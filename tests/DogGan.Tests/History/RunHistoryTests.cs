using DogGan.Contracts.Events;
using DogGan.Host.History;
using DogGan.Host.Store;
using DogGan.Tests.Store;

namespace DogGan.Tests.History;

/// <summary>How a run's status and error read from its stream alone, as the summary projection has them.</summary>
public sealed class RunHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_InterruptedThenResumed_IsRunningAgainWithNoError()
    {
        Guid runId = Guid.CreateVersion7();
        object[] events =
        [
            TestRuns.Started(runId, "resumed", Start, epochs: 3),
            TestRuns.Epoch(1, 1.2, 0.8),
            new ExperimentInterrupted(1, "stopped by Ctrl-C or SIGTERM after the epoch in progress"),
            new ExperimentResumed(1, "checkpoints/epoch-0001.ckpt", "ab", 0, 3, 2, "test", Start.AddMinutes(1)),
        ];

        RunHistory stopped = RunHistory.From(runId, Recorded(events[..3]));
        RunHistory resumed = RunHistory.From(runId, Recorded(events));

        Assert.Equal((RunStatus.Interrupted, "stopped by Ctrl-C or SIGTERM after the epoch in progress"),
            (stopped.Status, stopped.Error));
        Assert.Equal((RunStatus.Running, (string?)null), (resumed.Status, resumed.Error));
        Assert.Null(resumed.Ending);
    }

    [Fact]
    public void Error_Failed_IsTheErrorTypeAndMessageAsTheSummaryWordsIt()
    {
        Guid runId = Guid.CreateVersion7();

        RunHistory failed = RunHistory.From(runId, Recorded(
            [TestRuns.Started(runId, "failed", Start, epochs: 3),
                new ExperimentFailed(0, "DataException", "no dogs")]));

        Assert.Equal((RunStatus.Failed, "DataException: no dogs"), (failed.Status, failed.Error));
    }

    private static RecordedEvent[] Recorded(object[] events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, Start.AddSeconds(i), e)).ToArray();
}
