using System.Diagnostics;
using System.Globalization;
using DogGan.Host;
using DogGan.Host.Scoring;
using DogGan.Plugins.Architectures;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using TorchSharp;

// Scores 10,000 generated images against a data folder and prints where the time goes.
//   dotnet run -c Release --project bench/Scoring -- DATA_FOLDER [COUNT] [THREADS] [CH]
// Part 1 writes COUNT images from an untrained, seeded recipe generator (ch CH, default the
// recipe's 48, nz 256; about 3.8 GFLOP an image at ch 48, so minutes on 2 cores) into a
// zip exactly as `host generate` does, then scores the zip with the pixel-proxy extractor as
// `host score` does (real features cached after the first call; the bench uses a fresh cache).
// Part 2 times the statistics and the distance at the competition's shape with random
// features: COUNT x 2048 generated against 20,579 x 2048 real, in float64.
string data = args.Length > 0 ? args[0] : "../shared/data/dogs";
int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
int ch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 48;
torch.set_num_threads(threads);
string work = Path.Combine(Path.GetTempPath(), $"doggan-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
Console.WriteLine($"threads {threads}, {count} images, ch {ch}, data {Path.GetFullPath(data)}, work {work}");
try
{
    // ---- part 1: generate and score through the host's own handlers
    torch.random.manual_seed(1);
    var architecture = new DcganArchitecture(ch, 256, splitBatchNorm: true);
    using torch.nn.Module<torch.Tensor, torch.Tensor> generator = architecture.CreateGenerator();
    generator.eval();
    string zip = Path.Combine(work, "images.zip");
    var watch = Stopwatch.StartNew();
    SubmissionWriter.Write(zip, count, 256, generator.call, seed: 3, batchSize: 500, CancellationToken.None);
    Console.WriteLine($"generate  {watch.Elapsed.TotalSeconds,7:F1} s  ({new FileInfo(zip).Length / 1e6:F1} MB zip)");

    IServiceCollection services = HostServices.Create(AnsiConsole.Console, LogLevel.Warning);
    await using ServiceProvider provider = services.BuildServiceProvider();
    var mediator = provider.GetRequiredService<IMediator>();
    foreach (string pass in new[] { "cold cache", "warm cache" })
    {
        watch.Restart();
        ScoreReport report = await mediator.Send(new ScoreImages(zip, data, "pixel-proxy", [], null, [], null,
            CacheRoot: Path.Combine(work, "cache")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"score ({pass}) {watch.Elapsed.TotalSeconds,6:F1} s: features (decode + extract, both sets) "
            + $"{report.FeatureSeconds:F1} s, statistics + FID {report.StatisticsSeconds:F1} s, "
            + $"distance {report.DistanceSeconds:F1} s; {report.GeneratedImages} vs {report.RealImages} images, "
            + $"FID {report.Score.Fid:F2}, d {report.Score.Distance:F4}, MiFID {report.Score.Mifid:F2} (proxy)"));
    }

    // ---- part 2: statistics and distance at the competition's shape
    using var features = new torch.Generator(5);
    using torch.Tensor generated = torch.rand([count, 2048], generator: features).relu_();
    using torch.Tensor real = torch.rand([20_579, 2048], generator: features).relu_();
    watch.Restart();
    using FeatureStatistics generatedStatistics = FeatureStatistics.Of(generated);
    using FeatureStatistics realStatistics = FeatureStatistics.Of(real);
    double covariances = watch.Elapsed.TotalSeconds;
    watch.Restart();
    double fid = FrechetDistance.Between(generatedStatistics, realStatistics);
    double frechet = watch.Elapsed.TotalSeconds;
    watch.Restart();
    double distance = MemorizationDistance.Of(generated, real);
    double memorization = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"2048-wide {count} x 20579: covariances {covariances:F1} s, FID (2 eigh) {frechet:F1} s, "
        + $"distance {memorization:F1} s (FID {fid:F3}, d {distance:F4})"));
}
finally
{
    Directory.Delete(work, recursive: true);
}
