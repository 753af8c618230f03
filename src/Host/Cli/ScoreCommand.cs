using System.Globalization;
using DogGan.Host.Scoring;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host score IMAGES --data DIR</c>: FID and MiFID against the training images.</summary>
internal sealed class ScoreCommand(IMediator mediator, IAnsiConsole console) : AsyncCommand<ScoreSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        ScoreReport report = await mediator.Send(new ScoreImages(settings.Images, settings.Data, settings.Features,
            settings.FeatureOptions, settings.Run, settings.PluginFolders, settings.Store,
            MaxRealImages: settings.MaxReal), cancellationToken);
        foreach (string line in Describe(report))
        {
            console.MarkupLine(Markup.Escape(line));
        }

        return 0;
    }

    /// <summary>The report as the lines the command prints.</summary>
    internal static IEnumerable<string> Describe(ScoreReport report)
    {
        MifidScore score = report.Score;
        if (report.Proxy)
        {
            yield return $"PROXY features ({report.Extractor}): these numbers compare only with other "
                         + $"{report.Extractor} scores, never with Kaggle's";
        }

        yield return Invariant($"FID       {score.Fid:F4}");
        string triggered = score.ThresholdTriggered ? "TRIGGERED, the images look memorized" : "not triggered";
        yield return Invariant(
            $"distance  {score.Distance:F6} (threshold {MemorizationDistance.Threshold}: {triggered})");
        yield return Invariant($"MiFID     {score.Mifid:F4}");
        string proxy = report.Proxy ? " (proxy)" : "";
        yield return Invariant($"extractor {report.Extractor} {report.ExtractorHash}{proxy}");
        string cached = report.RealFromCache ? " (real features from the cache)" : "";
        yield return Invariant($"images    {report.GeneratedImages} generated, {report.RealImages} real{cached}");
        yield return Invariant($"time      features {report.FeatureSeconds:F1} s, ")
                     + Invariant($"statistics {report.StatisticsSeconds:F1} s, distance {report.DistanceSeconds:F1} s");
        if (report.RecordedOnRun is { } run)
        {
            yield return $"recorded on run {run}";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
