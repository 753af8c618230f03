using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Reports;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DogGan.Tests.Reports;

/// <summary>
/// Reports of runs recorded straight into a real PostgreSQL (no training), with sample files
/// that are there, missing, altered or pointed outside their run folder.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportWriterTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "report_pages";
    private readonly TempFolder _folder = new("report");

    [Fact]
    public async Task WriteAsync_MissingAlteredAndEscapingSamples_MarksAndCountsEachAndCopiesOnlyTheGoodOne()
    {
        string runFolder = _folder.Combine("runs", "r1");
        (string path, string sha)[] files = Enumerable.Range(1, 4).Select(e => WriteGrid(runFolder, e)).ToArray();
        File.Delete(Path.Combine(runFolder, files[1].path));
        File.WriteAllBytes(Path.Combine(runFolder, files[2].path), [1, 2, 3]);
        File.Copy(Path.Combine(runFolder, files[3].path), _folder.Combine("runs", "outside.png"));
        Guid id = await RecordAsync("broken-files", runFolder,
        [
            new SamplesRendered(1, files[0].path, files[0].sha, 2, 2),
            new SamplesRendered(2, files[1].path, files[1].sha, 2, 2),
            new SamplesRendered(3, files[2].path, files[2].sha, 2, 2),
            new SamplesRendered(4, "../outside.png", files[3].sha, 2, 2),
        ]);
        RunStore store = await postgres.StoreAsync(Schema);
        string report = _folder.Combine("report");

        ReportResult result = await ReportWriter.WriteAsync(store, [id.ToString()], report, CancellationToken.None);

        Assert.Equal(
            [SampleStatus.Copied, SampleStatus.Missing, SampleStatus.Mismatched, SampleStatus.OutsideRunFolder],
            result.Samples.Select(s => s.Status));
        Assert.Equal(1, result.Copied);
        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(runFolder, files[0].path)),
            File.ReadAllBytes(Path.Combine(report, result.Samples[0].ReportPath!)));
        // Only the verified grid is in the report; nothing else was copied in.
        Assert.Equal([Path.Combine(report, "samples", id.ToString("N"), "epoch-0001.png")],
            Directory.GetFiles(Path.Combine(report, "samples"), "*", SearchOption.AllDirectories));

        string html = File.ReadAllText(result.IndexPath);
        Assert.Contains("3 of 4 recorded sample grid(s) cannot be shown: 1 missing, 1 changed since recorded "
            + "(SHA-256 differs), 1 recorded outside the run folder.", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"missing\"", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"mismatched\"", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"outsiderunfolder\"", html, StringComparison.Ordinal);
        Assert.Contains($"file has {Checkpoint.Sha256Of(Path.Combine(runFolder, files[2].path))[..12]}", html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ResumedRunThatRedidAnEpoch_ShowsEachEpochAndItsCurrentGridOnce()
    {
        // Epoch 2 was recorded, then superseded by a resume from epoch 1 and trained again; its
        // grid file now holds the redone epoch's picture, so the first record's hash is stale.
        string runFolder = _folder.Combine("runs", "resumed");
        (string path, string sha)[] files = Enumerable.Range(1, 2).Select(e => WriteGrid(runFolder, e)).ToArray();
        Guid id = await RecordAsync("resumed", runFolder,
        [
            new SamplesRendered(1, files[0].path, files[0].sha, 2, 2),
            new SamplesRendered(2, files[1].path, new string('a', 64), 2, 2),
            new ExperimentResumed(1, "checkpoints/epoch-0001.ckpt", new string('b', 64), 1, 2, 2, "test",
                DateTimeOffset.UtcNow),
            TestRuns.Epoch(2, 0.25, 0.75),
            new SamplesRendered(2, files[1].path, files[1].sha, 2, 2),
        ]);
        RunStore store = await postgres.StoreAsync(Schema);

        ReportResult result = await ReportWriter.WriteAsync(store, [id.ToString()], _folder.Combine("resumed-report"),
            CancellationToken.None);

        Assert.Equal([1, 2], result.Runs[0].Epochs.Select(e => e.Stats.Epoch));
        Assert.Equal(0.25, result.Runs[0].Epochs[1].Stats.DiscriminatorLoss);
        Assert.Equal(RunStatus.Completed, result.Runs[0].Status);
        Assert.Equal([(1, SampleStatus.Copied), (2, SampleStatus.Copied)],
            result.Samples.Select(s => (s.Event.Epoch, s.Status)));
        Assert.Equal(["epoch-0001.png", "epoch-0002.png"],
            Directory.GetFiles(Path.Combine(_folder.Combine("resumed-report"), "samples", id.ToString("N")))
                .Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("cannot be shown", File.ReadAllText(result.IndexPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MarkupInNameDescriptionAndError_AppearsOnlyAsEscapedText()
    {
        const string name = "<script>alert('name')</script>";
        Guid id = await RecordAsync(name, _folder.Combine("runs", "r2"), [],
            description: "a & b <img src=x onerror=alert(1)>",
            end: new ExperimentFailed(1, "DataException", "bad <b>data</b>"));
        RunStore store = await postgres.StoreAsync(Schema);

        ReportResult result = await ReportWriter.WriteAsync(store, [id.ToString("N")[..24]], _folder.Combine("out"),
            CancellationToken.None);

        string html = File.ReadAllText(result.IndexPath);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b &lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("DataException: bad &lt;b&gt;data&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("No sample grids recorded.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_SameRunByIdAndByPrefix_ShowsItOnce()
    {
        Guid id = await RecordAsync("twice", _folder.Combine("runs", "r3"), []);
        RunStore store = await postgres.StoreAsync(Schema);

        ReportResult result = await ReportWriter.WriteAsync(store, [id.ToString(), id.ToString("N")[..20]],
            _folder.Combine("twice"), CancellationToken.None);

        Assert.Equal([id], result.Runs.Select(r => r.RunId));
        Assert.Contains("One run: nothing to compare.", File.ReadAllText(result.IndexPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_UnknownRun_ThrowsStoreExceptionAndWritesNothing()
    {
        RunStore store = await postgres.StoreAsync(Schema);
        string folder = _folder.Combine("none");

        var error = await Assert.ThrowsAsync<StoreException>(
            () => ReportWriter.WriteAsync(store, ["0000ffff0000"], folder, CancellationToken.None));

        Assert.Contains("no run id starts with '0000ffff0000'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task WriteAsync_IntoAnEarlierReport_ReplacesItsFiles()
    {
        Guid id = await RecordAsync("again", _folder.Combine("runs", "r4"), []);
        RunStore store = await postgres.StoreAsync(Schema);
        string folder = _folder.Combine("again");
        await ReportWriter.WriteAsync(store, [id.ToString()], folder, CancellationToken.None);
        string stale = Path.Combine(folder, "samples", "old", "epoch-0001.png");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllBytes(stale, [0]);

        Assert.Null(ReportWriter.CheckFolder(folder));
        await ReportWriter.WriteAsync(store, [id.ToString()], folder, CancellationToken.None);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(folder, "index.html")));
    }

    [Fact]
    public void CheckFolder_NonEmptyFolderThatIsNoReport_SaysToChooseAnother()
    {
        string folder = _folder.Combine("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep me");

        Assert.Equal($"--out {folder} is not empty and holds no earlier report; give a new or empty folder",
            ReportWriter.CheckFolder(folder));
        Assert.Null(ReportWriter.CheckFolder(_folder.Combine("new")));
        Assert.Equal($"--out {Path.Combine(folder, "notes.txt")} is a file; give a folder for the report",
            ReportWriter.CheckFolder(Path.Combine(folder, "notes.txt")));
    }

    public void Dispose() => _folder.Dispose();

    private async Task<Guid> RecordAsync(string name, string runFolder, IReadOnlyList<object> events,
        string? description = null, object? end = null)
    {
        Guid id = Guid.CreateVersion7();
        RunStore store = await postgres.StoreAsync(Schema);
        ExperimentStarted started = TestRuns.Started(id, name, DateTimeOffset.UtcNow, epochs: 4) with
        {
            RunFolder = runFolder,
            Manifest = System.Text.Json.JsonSerializer.Serialize(new { name, description }),
        };
        await using RunRecorder recorder = store.NewRun();
        await recorder.StartAsync(started);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            recorder.Append(TestRuns.Epoch(epoch, 1.0 / epoch, 2.0 / epoch));
        }
        foreach (object e in events)
        {
            recorder.Append(e);
        }
        recorder.Append(end ?? new ExperimentCompleted(2, 3.0, false));
        await recorder.SaveAsync();
        return id;
    }

    /// <summary>A small real PNG under the run folder; its relative path and SHA-256.</summary>
    private static (string Path, string Sha) WriteGrid(string runFolder, int epoch)
    {
        string relative = Path.Combine("samples", $"epoch-{epoch:D4}.png");
        string path = Path.Combine(runFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var image = new Image<Rgb24>(12, 12, new Rgb24((byte)(epoch * 40), 90, 200)))
        {
            image.SaveAsPng(path);
        }
        return (relative, Checkpoint.Sha256Of(path));
    }
}
