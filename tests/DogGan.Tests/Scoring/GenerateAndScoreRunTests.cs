using System.IO.Compression;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Host.Scoring;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Tests.Data;
using DogGan.Tests.Store;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console;

namespace DogGan.Tests.Scoring;

/// <summary>
/// <c>host generate</c> and <c>host score --run</c> on a tiny run trained in process on real
/// dogs and recorded in a real PostgreSQL (as in EndToEnd/SmokeRunTests).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GenerateAndScoreRunTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "scoring_generate";
    private readonly TempFolder _folder = new("generate");

    [Fact]
    public async Task Generate_TinyRun_WritesDecodable64PixelRgbPngsAndTheSameSeedGivesTheSameBytes()
    {
        RunOutcome run = await TrainAsync();
        string first = _folder.Combine("a", "images.zip");
        string second = _folder.Combine("b", "images.zip");
        string other = _folder.Combine("c", "images.zip");

        SubmissionWritten written = await GenerateAsync(run.RunId.ToString("N")[..20], first, seed: 5);
        // NAME@latest names the same run (the one just trained) for generate as for replay.
        await GenerateAsync("tiny-scoring@latest", second, seed: 5);
        await GenerateAsync(run.RunId.ToString(), other, seed: 6);

        Assert.Equal(run.RunId, written.RunId);
        Assert.Equal(2, written.Epoch);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
        using ZipArchive archive = ZipFile.OpenRead(first);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => $"{i:D5}.png"), archive.Entries.Select(e => e.FullName));
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using var bytes = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(bytes);
            }

            byte[] png = bytes.ToArray();
            Assert.Equal(PngFormat.Instance, Image.DetectFormat(png));
            using Image<Rgb24> image = Image.Load<Rgb24>(png);
            Assert.Equal((64, 64), (image.Width, image.Height));
            Assert.Equal(PngColorType.Rgb, image.Metadata.GetPngMetadata().ColorType);
            distinct.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(png)));
        }

        Assert.True(distinct.Count > 30, $"only {distinct.Count} distinct images of 37");
    }

    [Fact]
    public async Task ScoreWithRun_GeneratedZip_RecordsOneMetricEventWithTheReportedFigures()
    {
        RunOutcome run = await TrainAsync();
        string zip = _folder.Combine("images.zip");
        await GenerateAsync(run.RunId.ToString(), zip, seed: 1);

        ScoreReport report = await SendAsync(new ScoreImages(zip, SharedFolder.Dogs, "pixel-proxy", [],
            run.RunId.ToString("N")[..20], [], postgres.ConnectionString, Schema, _folder.Combine("cache"), 64));

        Assert.Equal(run.RunId, report.RecordedOnRun);
        RunStore store = await postgres.StoreAsync(Schema);
        IReadOnlyList<RecordedEvent> events = await store.ReadStreamAsync(run.RunId);
        MetricRecorded metric = Assert.Single(events.Select(e => e.Data).OfType<MetricRecorded>());
        Assert.Same(metric, events[^1].Data);
        Assert.Equal(new MetricRecorded(null, "pixel-proxy", report.ExtractorHash, 37, report.Score.Fid,
            report.Score.Distance, report.Score.Mifid, Proxy: true), metric);
    }

    [Fact]
    public async Task Generate_CheckpointChangedAfterSaving_OneLineErrorNamingTheHashes()
    {
        RunOutcome run = await TrainAsync();
        string checkpoint = Directory.GetFiles(Path.Combine(run.RunFolder, "checkpoints")).Single();
        await using (FileStream file = File.OpenWrite(checkpoint))
        {
            file.Seek(-1, SeekOrigin.End);
            file.WriteByte(0x5A);
        }

        var error = await Assert.ThrowsAsync<DataException>(() =>
            GenerateAsync(run.RunId.ToString(), _folder.Combine("x.zip"), seed: 1));

        Assert.StartsWith($"{checkpoint}: SHA-256 ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the file changed after it was saved", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(_folder.Combine("x.zip")));
    }

    [Fact]
    public async Task Generate_UnknownRun_OneLineStoreError()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() =>
            GenerateAsync("ffffffff", _folder.Combine("x.zip"), seed: 1));

        Assert.Equal("no run id starts with 'ffffffff'; list runs to see the ids", error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private Task<SubmissionWritten> GenerateAsync(string run, string zip, long seed) =>
        SendAsync(new GenerateSubmission(run, 37, zip, seed, 16, [], postgres.ConnectionString, Schema));

    private async Task<RunOutcome> TrainAsync()
    {
        string manifest = _folder.Combine($"tiny-{Guid.NewGuid():N}.json");
        File.WriteAllText(manifest, $$"""
            {
              "name": "tiny-scoring",
              "seed": 11,
              "threads": 2,
              "data": { "folder": "{{SharedFolder.Dogs}}", "crops": ["top-left", "padded-box"], "maxImages": 64 },
              "architecture": { "plugin": "dcgan", "options": { "ch": 2, "nz": 16 } },
              "loss": { "plugin": "hard-margin" },
              "averager": { "plugin": "ema" },
              "training": { "epochs": 2, "batchSize": 32 },
              "outputs": { "samplesEvery": 2, "checkpointEvery": 2, "keepCheckpoints": 1 }
            }
            """);
        RunOutcome outcome = await SendAsync(new RunExperiment(manifest, ManifestOverrides.None,
            _folder.Combine("runs"), [], postgres.ConnectionString, _folder.Combine("cache"), Schema));
        Assert.Equal(RunStatus.Completed, outcome.Status);
        return outcome;
    }

    private static async Task<T> SendAsync<T>(ICommand<T> command)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new StringWriter()),
        });
        IServiceCollection services = HostServices.Create(console, LogLevel.Warning, logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMediator>().Send(command);
    }
}
