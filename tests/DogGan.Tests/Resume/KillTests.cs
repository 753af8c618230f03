using System.Diagnostics;
using System.Text;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Store;
using DogGan.Tests.Store;

namespace DogGan.Tests.Resume;

/// <summary>
/// The real host CLI, killed with SIGKILL in the middle of a run and resumed by a second
/// host process, ends where an uninterrupted run of the same manifest ends: every epoch once
/// in the stream, the same figures bit for bit, the same final tensors. Each host runs one
/// thread, so the killed run and the uninterrupted one train side by side on 2 cores.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KillTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "resume_kill";
    private const int Epochs = 5;
    private static readonly TimeSpan HostLimit = TimeSpan.FromSeconds(150);
    private readonly TempFolder _folder = new("resume-kill");

    [Fact]
    public async Task Resume_HostKilledMidEpoch_EndsWithEveryEpochOnceAndTheUninterruptedRunsTensors()
    {
        var harness = new TinyRuns(postgres.ConnectionString, Schema, _folder);
        RunStore store = await postgres.StoreAsync(Schema);
        using HostProcess whole = HostProcess.Start(this, "run",
            harness.WriteManifest(ResumeRuns.Manifest("whole", Epochs, threads: 1)), "--out", harness.Runs);
        using HostProcess killed = HostProcess.Start(this, "run",
            harness.WriteManifest(ResumeRuns.Manifest("killed", Epochs, threads: 1)), "--out", harness.Runs);

        // ---- kill the second host once it has recorded epoch 2, while it trains epoch 3
        Guid runId = await WaitForRunAsync(store, "killed", killed);
        int recorded = await WaitForEpochAsync(store, runId, 2, killed);
        // A live host holds its run's lease: nobody else may resume it meanwhile.
        await Assert.ThrowsAsync<StoreException>(() => store.LeaseRunAsync(runId));
        killed.Kill();
        Assert.True(recorded < Epochs, "the run ended before it could be killed; give it more epochs");
        IReadOnlyList<RecordedEvent> before = await store.ReadStreamAsync(runId);
        Assert.DoesNotContain(before, e => e.Data is ExperimentCompleted or ExperimentFailed);

        using (HostProcess resume = HostProcess.Start(this, "resume", runId.ToString()))
        {
            Assert.Equal(0, await resume.WaitAsync());
        }

        Assert.Equal(0, await whole.WaitAsync());

        // ---- every epoch once, in the raw stream, with the uninterrupted run's figures
        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(runId);
        EpochCompleted[] got = events.Select(e => e.Data).OfType<EpochCompleted>().ToArray();
        Assert.Equal(Enumerable.Range(1, Epochs), got.Select(e => e.Epoch));
        ExperimentResumed resumed = Assert.Single(events.Select(e => e.Data).OfType<ExperimentResumed>());
        int checkpointed = before.Select(e => e.Data).OfType<CheckpointSaved>().Max(c => c.Epoch);
        Assert.Equal((checkpointed, 0), (resumed.FromEpoch, resumed.DiscardedEpochs));
        Assert.IsType<ExperimentCompleted>(events[^1].Data);

        RunSummary wholeRun = (await store.ListRunsAsync()).Single(r => r.Name == "whole");
        IReadOnlyList<RecordedEvent> expected = await store.ReadStreamAsync(wholeRun.Id);
        Assert.Equal(Figures(expected), Figures(events));
        string killedFolder = (await store.FindRunAsync(runId.ToString())).RunFolder;
        Assert.Equal(ResumeRuns.CheckpointBody(FinalCheckpoint(wholeRun.RunFolder, expected)),
            ResumeRuns.CheckpointBody(FinalCheckpoint(killedFolder, events)));
    }

    public void Dispose() => _folder.Dispose();

    private string Connection => postgres.ConnectionString;

    private static string FinalCheckpoint(string runFolder, IReadOnlyList<RecordedEvent> events) =>
        Path.Combine(runFolder, events.Select(e => e.Data).OfType<CheckpointSaved>().Single(c => c.Epoch == Epochs)
            .Path);

    private static long[] Figures(IReadOnlyList<RecordedEvent> events) => events.Select(e => e.Data)
        .OfType<EpochCompleted>()
        .SelectMany(e => new[] { e.DiscriminatorLoss, e.GeneratorLoss, e.RealScore, e.FakeScore })
        .Select(BitConverter.DoubleToInt64Bits)
        .ToArray();

    private static async Task<Guid> WaitForRunAsync(RunStore store, string name, HostProcess host)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < HostLimit)
        {
            if ((await store.ListRunsAsync()).FirstOrDefault(r => r.Name == name) is { } run)
            {
                return run.Id;
            }

            host.ThrowIfExited();
            await Task.Delay(100);
        }

        throw new TimeoutException($"no run '{name}' in the store after {HostLimit}: {host.Output}");
    }

    private static async Task<int> WaitForEpochAsync(RunStore store, Guid runId, int epoch, HostProcess host)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < HostLimit)
        {
            int last = (await store.ReadStreamAsync(runId)).Select(e => e.Data).OfType<EpochCompleted>()
                .Select(e => e.Epoch).DefaultIfEmpty(0).Max();
            if (last >= epoch)
            {
                return last;
            }

            host.ThrowIfExited();
            await Task.Delay(50);
        }

        throw new TimeoutException($"run {runId} recorded no epoch {epoch} in {HostLimit}: {host.Output}");
    }

    /// <summary>One host CLI child process; only this PID is ever killed.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private HostProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static HostProcess Start(KillTests test, params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DogGan.Host.dll"));
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add("--store");
            info.ArgumentList.Add(test.Connection);
            info.Environment["DOGGAN_SCHEMA"] = Schema;
            info.Environment["DOGGAN_CACHE"] = test._folder.Combine("cache");
            var host = new HostProcess(new Process { StartInfo = info });
            host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
            host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
            host._process.Start();
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            return host;
        }

        /// <summary>SIGKILL to this child alone: no handler runs, nothing is flushed.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        public async Task<int> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(HostLimit);
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit();
            Assert.True(_process.ExitCode == 0, $"host exited with {_process.ExitCode}: {Output}");
            return _process.ExitCode;
        }

        public void ThrowIfExited()
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"host exited early with {_process.ExitCode}: {Output}");
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
