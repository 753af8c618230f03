using DogGan.Contracts.Events;
using DogGan.Host.Store;

namespace DogGan.Tests.History;

/// <summary>Synthetic runs written through the real recorder, one save per epoch as the trainer does.</summary>
internal static class HistoryRuns
{
    public static async Task<Guid> RecordAsync(RunStore store, string name, DateTimeOffset startedAt, int epochs,
        string manifest, bool complete = true, int formatVersion = ExperimentStarted.CurrentFormatVersion,
        Guid? id = null, double lossShift = 0)
    {
        Guid runId = id ?? Guid.CreateVersion7();
        await using RunRecorder recorder = store.NewRun();
        await recorder.StartAsync(new ExperimentStarted(runId, name, $"experiments/{name}.json", manifest, [],
            [
                new ResolvedPlugin("architecture", "dcgan", "DogGan.Plugins.Architectures", "0.1.0", "{}"),
                new ResolvedPlugin("loss", "hard-margin", "DogGan.Plugins.Losses", "0.1.0", "{}"),
            ],
            7, false, new DataSummary("/data/dogs", 10, 9, 9, 9, 9, [], "key", true), "cpu", 2, "0.1.0",
            epochs, null, $"/runs/{name}", startedAt, formatVersion));
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            // Curves that move (so plots have lines), different per run through lossShift.
            double d = 1.2 + lossShift - 0.5 * Math.Sin(epoch / 7.0);
            double g = 2.0 + lossShift + 0.4 * Math.Cos(epoch / 5.0);
            recorder.Append(new EpochCompleted(epoch, 10, d, g, 0.6 + 0.01 * Math.Sin(epoch), 0.3, 5e-4, 5e-4,
                0.999, null, 2.0 + 0.01 * epoch, 160.0 + epoch % 3, 300L << 20));
            recorder.Append(new AveragerSnapshotTaken(epoch, "ema", true, 0.999, null, 0.01 * epoch));
            if (epoch % 2 == 0)
            {
                recorder.Append(new SamplesRendered(epoch, $"samples/epoch-{epoch:D4}.png", new string('a', 64), 8, 8));
            }
            if (epoch % 3 == 0)
            {
                recorder.Append(new CheckpointSaved(epoch, $"checkpoints/epoch-{epoch:D4}.ckpt",
                    new string('b', 64), 1000));
                if (epoch > 3)
                {
                    recorder.Append(new CheckpointRemoved(epoch - 3, $"checkpoints/epoch-{epoch - 3:D4}.ckpt"));
                }
            }
            await recorder.SaveAsync();
        }
        if (complete)
        {
            recorder.Append(new ExperimentCompleted(epochs, epochs * 2.0, false));
            await recorder.SaveAsync();
        }
        return runId;
    }

    public static string Manifest(int ch = 8, string loss = "hard-margin", int epochs = 3) => $$"""
        { "name": "x", "seed": 7,
          "architecture": { "plugin": "dcgan", "options": { "ch": {{ch}}, "nz": 64 } },
          "loss": { "plugin": "{{loss}}" },
          "training": { "epochs": {{epochs}}, "batchSize": 32 } }
        """;
}
