using System.Diagnostics;
using System.Globalization;
using DogGan.Contracts.Events;
using DogGan.Host.History;
using DogGan.Host.Store;
using Spectre.Console;

namespace DogGan.Bench;

/// <summary>
/// Seeds a throwaway store through the real append path (one save an epoch, as the trainer
/// does) with one 620-epoch run (the recipe's length) and 20 shorter tagged runs, then times
/// <c>replay</c> of the long run and <c>compare</c> of the 20, in-process and through the CLI.
/// </summary>
internal static class HistoryBenchmark
{
    private const string Schema = "bench_history";
    private const string Tag = "bench20";
    private const int LongEpochs = 620;
    private const int ShortEpochs = 60;
    private const int Repeats = 5;

    public static async Task<int> RunAsync(string connectionString)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(
            StoreSettings.Resolve(option: connectionString, schema: Schema, environment: _ => null,
                configFile: "/nonexistent/doggan-bench.json"));

        var seed = Stopwatch.StartNew();
        Guid longRun = await SeedRunAsync(store, "recipe-620", LongEpochs, 0, tag: null);
        for (int i = 0; i < 20; i++)
        {
            await SeedRunAsync(store, $"sweep-{i:D2}", ShortEpochs, i, Tag);
        }
        Report($"seeded 1 x {LongEpochs} + 20 x {ShortEpochs} epochs through RunRecorder", seed.Elapsed);

        string plot = Path.Combine(Path.GetTempPath(), $"doggan-bench-{Guid.NewGuid():N}.png");
        var replay = await TimeAsync(() => HistoryQueries.ReplayAsync(store, Quiet(), longRun.ToString(), null));
        Report($"in-process replay of {LongEpochs} epochs", replay);
        var replayPlot = await TimeAsync(() => HistoryQueries.ReplayAsync(store, Quiet(), longRun.ToString(), plot));
        Report($"in-process replay of {LongEpochs} epochs --plot", replayPlot);
        var compare = await TimeAsync(() => HistoryQueries.CompareAsync(store, Quiet(), [],
            new RunFilter(Tag: Tag), null));
        Report("in-process compare of 20 runs (--tag)", compare);
        var comparePlot = await TimeAsync(() => HistoryQueries.CompareAsync(store, Quiet(), [],
            new RunFilter(Tag: Tag), plot));
        Report("in-process compare of 20 runs --plot", comparePlot);
        File.Delete(plot);

        TimeSpan cliReplay = RunCli(connectionString, "replay", longRun.ToString());
        Report("CLI: host replay (whole process)", cliReplay);
        TimeSpan cliCompare = RunCli(connectionString, "compare", "--tag", Tag);
        Report("CLI: host compare --tag (whole process)", cliCompare);
        bool fast = replay.Best < TimeSpan.FromSeconds(1) && compare.Best < TimeSpan.FromSeconds(1);
        Console.WriteLine(fast ? "in-process goals met (< 1 s)" : "in-process goal missed (>= 1 s)");
        return fast ? 0 : 1;
    }

    private static async Task<Guid> SeedRunAsync(RunStore store, string name, int epochs, int variant, string? tag)
    {
        Guid id = Guid.CreateVersion7();
        string manifest = $$"""
            { "name": "{{name}}", "seed": {{7 + variant}},
              "architecture": { "plugin": "dcgan", "options": { "ch": {{8 * (1 + variant % 3)}}, "nz": 128 } },
              "loss": { "plugin": "hard-margin", "options": { "margin": {{0.8 - variant * 0.01:0.00}} } },
              "training": { "epochs": {{epochs}}, "batchSize": 32 } }
            """;
        await using RunRecorder recorder = store.NewRun();
        await recorder.StartAsync(new ExperimentStarted(id, name, $"experiments/{name}.json", manifest, [],
            [
                new ResolvedPlugin("architecture", "dcgan", "DogGan.Plugins.Architectures", "0.1.0", "{}"),
                new ResolvedPlugin("loss", "hard-margin", "DogGan.Plugins.Losses", "0.1.0", "{}"),
                new ResolvedPlugin("averager", "ema", "DogGan.Plugins.Averagers", "0.1.0", "{}"),
            ],
            7 + variant, false, new DataSummary("/data/dogs", 20579, 20579, 20579, 22126, 88504, [], "k", true),
            "cpu", 2, "0.1.0", epochs, null, $"/runs/{name}", DateTimeOffset.UtcNow.AddMinutes(-variant)));
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double d = 1.1 - 0.3 * Math.Sin(epoch / 40.0) + variant * 0.01;
            double g = 2.2 + 0.3 * Math.Cos(epoch / 30.0) - variant * 0.01;
            recorder.Append(new EpochCompleted(epoch, 2765, d, g, 0.62, 0.31, 5e-4, 5e-4, 0.999, null,
                95.0, 931.0 + epoch % 7, 900L << 20));
            recorder.Append(new AveragerSnapshotTaken(epoch, "ema", true, 0.999, null, 0.02));
            if (epoch % 10 == 0)
            {
                recorder.Append(new SamplesRendered(epoch, $"samples/epoch-{epoch:D4}.png", new string('a', 64), 8, 8));
                recorder.Append(new CheckpointSaved(epoch, $"checkpoints/epoch-{epoch:D4}.ckpt",
                    new string('b', 64), 1L << 26));
            }
            await recorder.SaveAsync();
        }
        recorder.Append(new ExperimentCompleted(epochs, epochs * 95.0, false));
        await recorder.SaveAsync();
        if (tag is not null)
        {
            await store.AnnotateAsync(await store.ResolveRunAsync(id.ToString()), new RunTagged(tag));
        }
        return id;
    }

    private static async Task<(TimeSpan First, TimeSpan Best)> TimeAsync<T>(Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        TimeSpan first = watch.Elapsed;
        TimeSpan best = TimeSpan.MaxValue;
        for (int i = 0; i < Repeats; i++)
        {
            watch.Restart();
            await work();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        return (first, best);
    }

    private static TimeSpan RunCli(string connectionString, params string[] arguments)
    {
        string host = Path.Combine(RepoRoot(), "host");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments.Concat(["--store", connectionString]))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["DOGGAN_SCHEMA"] = Schema;
        // Wide enough that a 20-column table is laid out, not squeezed.
        info.Environment["COLUMNS"] = "400";
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {host}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        TimeSpan elapsed = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"host {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ({stdout.Result.Split('\n').Length} lines of output)"));
        return elapsed;
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DogGan.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no DogGan.sln above {AppContext.BaseDirectory}");
    }

    private static IAnsiConsole Quiet() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(new StringWriter()),
    });

    private static void Report(string what, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {elapsed.TotalMilliseconds:F0} ms"));

    private static void Report(string what, (TimeSpan First, TimeSpan Best) times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: first {times.First.TotalMilliseconds:F0} ms, "
            + $"best of {Repeats} {times.Best.TotalMilliseconds:F0} ms"));
}
