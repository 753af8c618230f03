using DogGan.Contracts.Events;
using DogGan.Host.Messages;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;

namespace DogGan.Tests.EndToEnd;

/// <summary>
/// The whole pipeline on real Stanford Dogs JPEGs with a tiny network: manifest, MEF plugins,
/// data preparation, training, the event stream in a real PostgreSQL, samples and checkpoints.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SmokeRunTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempFolder _folder = new("e2e");

    [Fact]
    public async Task Run_TinyRecipeOnRealDogs_RecordsEveryEpochInOrderWithFilesMatchingTheirHashes()
    {
        const int epochs = 3;
        string manifest = WriteManifest(epochs, checkpointEvery: 1, keep: 2);
        var console = new StringWriter();

        RunOutcome outcome = await RunAsync(manifest, console);

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(epochs, outcome.Epochs);
        RunStore store = await postgres.StoreAsync("e2e_smoke");
        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(outcome.RunId);

        // The stream starts with the start event, ends with the completion, and versions rise by one.
        Assert.IsType<ExperimentStarted>(events[0].Data);
        Assert.IsType<ExperimentCompleted>(events[^1].Data);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));

        var started = (ExperimentStarted)events[0].Data;
        Assert.Equal(7, started.Seed);
        Assert.InRange(started.Data.Images, 90, 96);
        Assert.Equal(started.Data.Boxes * 4, started.Data.Crops);
        Assert.Equal(["top-left", "top-right", "padded-box", "centred-context", "dcgan", "hard-margin", "ema"],
            started.Plugins.Select(p => p.Name));
        Assert.All(started.Plugins, p => Assert.StartsWith("DogGan.Plugins.", p.Assembly, StringComparison.Ordinal));

        // Every epoch exactly once, in order, with its figures.
        EpochCompleted[] completed = events.Select(e => e.Data).OfType<EpochCompleted>().ToArray();
        Assert.Equal([1, 2, 3], completed.Select(e => e.Epoch));
        Assert.All(completed, e =>
        {
            Assert.Equal(3, e.Batches);
            Assert.True(double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorLoss));
            Assert.InRange(e.RealScore, 0, 1);
            Assert.InRange(e.FakeScore, 0, 1);
            Assert.Equal(0.9, e.AveragerBeta);
        });
        Assert.Equal([1, 2, 3], events.Select(e => e.Data).OfType<AveragerSnapshotTaken>().Select(e => e.Epoch));

        // Samples: one grid per epoch, a real PNG whose hash is the recorded one.
        SamplesRendered[] samples = events.Select(e => e.Data).OfType<SamplesRendered>().ToArray();
        Assert.Equal([1, 2, 3], samples.Select(e => e.Epoch));
        foreach (SamplesRendered sample in samples)
        {
            string path = Path.Combine(outcome.RunFolder, sample.Path);
            Assert.Equal(sample.Sha256, Checkpoint.Sha256Of(path));
            SixLabors.ImageSharp.IImageInfo info = Image.Identify(path);
            Assert.Equal(8 * 64 + 9 * 2, info.Width);
        }

        // Checkpoints: one per epoch, the oldest removed under keep = 2, the rest on disk with their hash.
        CheckpointSaved[] checkpoints = events.Select(e => e.Data).OfType<CheckpointSaved>().ToArray();
        Assert.Equal([1, 2, 3], checkpoints.Select(c => c.Epoch));
        CheckpointRemoved removed = Assert.Single(events.Select(e => e.Data).OfType<CheckpointRemoved>());
        Assert.Equal(1, removed.Epoch);
        Assert.False(File.Exists(Path.Combine(outcome.RunFolder, removed.Path)));
        foreach (CheckpointSaved checkpoint in checkpoints.Skip(1))
        {
            string path = Path.Combine(outcome.RunFolder, checkpoint.Path);
            Assert.Equal(checkpoint.Sha256, Checkpoint.Sha256Of(path));
            Assert.Equal(checkpoint.Bytes, new FileInfo(path).Length);
            Assert.Equal(checkpoint.Epoch, Checkpoint.ReadHeader(path).Epoch);
        }

        // The console carried one line per epoch with the recorded figures.
        string output = console.ToString();
        Assert.Equal(epochs, output.Split('\n').Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));

        // The summary projection agrees.
        RunSummary summary = await store.FindRunAsync(outcome.RunId.ToString());
        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Equal(epochs, summary.EpochsDone);
        Assert.Equal(completed[^1].GeneratorLoss, summary.LastGeneratorLoss);
    }

    [Fact]
    public async Task Run_BadManifest_FailsBeforeAnyRunIsRecorded()
    {
        string good = WriteManifest(1, 1, 1);
        File.WriteAllText(_folder.Combine("bad.json"), File.ReadAllText(good)
            .Replace("\"hard-margin\"", "\"hinj\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<Contracts.Errors.ManifestException>(
            () => RunAsync(_folder.Combine("bad.json"), new StringWriter()));

        Assert.Contains("$.loss.plugin: unknown loss plugin 'hinj'; available: bce, hard-margin", error.Message,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "runs")));
    }

    public void Dispose() => _folder.Dispose();

    private TinyRuns Runs => new(postgres.ConnectionString, "e2e_smoke", _folder);

    private Task<RunOutcome> RunAsync(string manifest, StringWriter output) =>
        Runs.RunAsync(manifest, output: output);

    private string WriteManifest(int epochs, int checkpointEvery, int keep) =>
        Runs.WriteManifest(new TinyManifest("tiny", epochs)
        {
            Seed = 7,
            Crops = ["top-left", "top-right", "padded-box", "centred-context"],
            MaxImages = 96,
            CheckpointEvery = checkpointEvery,
            KeepCheckpoints = keep,
        });
}
