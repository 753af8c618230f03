using DogGan.Contracts.Events;

namespace DogGan.Tests.Store;

/// <summary>Small but complete run events for store tests.</summary>
internal static class TestRuns
{
    public static ExperimentStarted Started(Guid id, string name, DateTimeOffset startedAt, int epochs = 3) => new(
        RunId: id,
        Name: name,
        ManifestPath: "manifests/test.json",
        Manifest: """{"name":"test"}""",
        Overrides: ["epochs=3"],
        Plugins:
        [
            new ResolvedPlugin("loss", "hard-margin", "DogGan.Losses", "0.1.0", """{"margin":0.8}"""),
            new ResolvedPlugin("averager", "ema", "DogGan.Averagers", "0.1.0", """{"beta":0.999}"""),
        ],
        Seed: 42,
        SeedDrawn: false,
        Data: new DataSummary("/data/dogs", 10, 9, 9, 12, 12, [new SkipCount("no box", 1, ["a.jpg"])], "k1", false),
        Device: "cpu",
        Threads: 2,
        HostVersion: "0.1.0",
        Epochs: epochs,
        TimeLimitSeconds: null,
        RunFolder: "/runs/test",
        StartedAt: startedAt);

    public static EpochCompleted Epoch(int epoch, double dLoss, double gLoss) => new(
        epoch, 4, dLoss, gLoss, 0.7, 0.3, 2e-4, 2e-4, 0.999, epoch * 4L, 1.5, 100.0, 1L << 28);

    /// <summary>A Guid whose text starts with <paramref name="hexPrefix"/>.</summary>
    public static Guid IdWithPrefix(string hexPrefix)
    {
        string rest = Guid.NewGuid().ToString("N");
        return Guid.ParseExact(hexPrefix + rest[hexPrefix.Length..], "N");
    }
}
