using System.Globalization;
using System.Net;
using System.Text;
using DogGan.Contracts.Events;
using DogGan.Host.History;

namespace DogGan.Host.Reports;

/// <summary>
/// The report as one static HTML page: inline CSS, no script, no font or style from anywhere
/// else, images only from the report folder. Every string that came from a user or the store
/// (run names, descriptions, errors, manifests, paths) goes through <see cref="Text"/>.
/// </summary>
internal sealed class ReportPage(
    IReadOnlyList<RunHistory> runs,
    IReadOnlyList<ManifestDifference> differences,
    IReadOnlyList<IReadOnlyList<SampleImage>> samples,
    IReadOnlyList<PlotImage> plots,
    DateTimeOffset generatedAt,
    string hostVersion)
{
    private const string Style = """
        body { font-family: sans-serif; margin: 1.5rem; color: #1b1b1b; background: #fafafa; }
        h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.05rem; }
        table { border-collapse: collapse; font-size: 0.85rem; background: #fff; }
        th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, pre { font-family: monospace; font-size: 0.8rem; }
        pre { background: #fff; border: 1px solid #ccc; padding: 0.5rem; overflow-x: auto; }
        .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem;
                  vertical-align: middle; border: 1px solid #555; }
        .note { color: #555; font-size: 0.85rem; }
        .problems { background: #fde8e8; border: 1px solid #c0392b; padding: 0.5rem; }
        .error { color: #a11; }
        .grids { display: flex; flex-wrap: wrap; gap: 0.75rem; }
        .grids figure { margin: 0; }
        .grids img { width: 256px; height: auto; display: block; }
        .absent { width: 256px; height: 256px; display: flex; align-items: center; justify-content: center;
                  text-align: center; background: #fde8e8; border: 2px dashed #c0392b; color: #a11;
                  font-size: 0.85rem; padding: 0.5rem; box-sizing: border-box; overflow-wrap: anywhere; }
        figcaption { font-size: 0.8rem; color: #333; margin-top: 0.2rem; max-width: 256px; }
        .curves img { max-width: 100%; height: auto; border: 1px solid #ccc; background: #fff; }
        """;

    private readonly StringBuilder _html = new();

    /// <summary>The whole page.</summary>
    public string Render()
    {
        _html.Clear();
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>DogGan report: ").Append(Text(string.Join(", ", runs.Select(r => r.Name))))
            .Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        Header();
        RunTable();
        Differences();
        Curves();
        SampleGrids();
        _html.Append("</body>\n</html>\n");
        return _html.ToString();
    }

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");

    private void Header()
    {
        _html.Append("<header>\n<h1>DogGan experiment report</h1>\n<p class=\"note\">")
            .Append(runs.Count.ToString(CultureInfo.InvariantCulture)).Append(" run(s), written ")
            .Append(Text(generatedAt.ToUniversalTime()
                .ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" by host ").Append(Text(hostVersion)).Append("</p>\n");
        SampleImage[] problems = samples.SelectMany(s => s).Where(s => s.Status != SampleStatus.Copied).ToArray();
        if (problems.Length > 0)
        {
            int total = samples.Sum(s => s.Count);
            _html.Append("<p class=\"problems\" id=\"sample-problems\">")
                .Append(CultureInfo.InvariantCulture, $"{problems.Length} of {total} recorded sample grid(s) ")
                .Append("cannot be shown: ").Append(Text(ProblemCounts(problems)))
                .Append(". Each is marked where it belongs below.</p>\n");
        }
        _html.Append("</header>\n");
    }

    /// <summary>"2 missing, 1 changed since recorded", for the page and the command's output.</summary>
    public static string ProblemCounts(IEnumerable<SampleImage> problems) => string.Join(", ",
        problems.GroupBy(p => p.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}"));

    private static string Describe(SampleStatus status) => status switch
    {
        SampleStatus.Copied => "copied",
        SampleStatus.Missing => "missing",
        SampleStatus.Mismatched => "changed since recorded (SHA-256 differs)",
        SampleStatus.OutsideRunFolder => "recorded outside the run folder",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no such sample status"),
    };

    private void RunTable()
    {
        _html.Append("<section id=\"runs\">\n<h2>Runs</h2>\n<table>\n<thead><tr>")
            .Append("<th>Run</th><th>Id</th><th>Status</th><th>Epochs</th>")
            .Append("<th>Final D loss</th><th>Final G loss</th><th>Best D loss</th><th>Best G loss</th>")
            .Append("<th>Final D(x)</th><th>Final D(G(z))</th><th>Images/s</th><th>Seed</th>")
            .Append("<th>Plugins</th><th>Started</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < runs.Count; i++)
        {
            RunHistory run = runs[i];
            EpochCompleted? last = run.Epochs.Count > 0 ? run.Epochs[^1].Stats : null;
            _html.Append("<tr id=\"row-").Append(run.RunId.ToString("N")).Append("\"><td>")
                .Append("<span class=\"swatch\" style=\"background:").Append(CurvePlot.ColorOf(i)).Append("\"></span>")
                .Append("<a href=\"#run-").Append(run.RunId.ToString("N")).Append("\">")
                .Append(Text(run.Name)).Append("</a>");
            if (run.Description is { Length: > 0 } description)
            {
                _html.Append("<br><span class=\"note\">").Append(Text(description)).Append("</span>");
            }
            _html.Append("</td><td><code>").Append(run.RunId.ToString()).Append("</code></td><td>")
                .Append(Text(run.Status));
            if (run.Error is { Length: > 0 } error)
            {
                _html.Append("<br><span class=\"error\">").Append(Text(error)).Append("</span>");
            }
            _html.Append("</td>")
                .Append(Cell($"{run.Epochs.Count}/{run.Started.Epochs}"))
                .Append(Cell(Number(last?.DiscriminatorLoss))).Append(Cell(Number(last?.GeneratorLoss)))
                .Append(Cell(Number(Lowest(run.Epochs.Select(e => e.Stats.DiscriminatorLoss)))))
                .Append(Cell(Number(Lowest(run.Epochs.Select(e => e.Stats.GeneratorLoss)))))
                .Append(Cell(Number(last?.RealScore))).Append(Cell(Number(last?.FakeScore)))
                .Append(Cell(Number(run.ImagesPerSecond, "F1")))
                .Append(Cell(run.Started.Seed.ToString(CultureInfo.InvariantCulture)
                    + (run.Started.SeedDrawn ? " (drawn)" : "")))
                .Append("<td>").Append(Text(string.Join(", ", run.Started.Plugins.Select(p => $"{p.Role}={p.Name}"))))
                .Append("</td><td>")
                .Append(Text(run.Started.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'",
                    CultureInfo.InvariantCulture)))
                .Append("</td></tr>\n");
        }
        _html.Append("</tbody>\n</table>\n");
        string[] overridden = runs.Where(r => r.Started.Overrides.Count > 0)
            .Select(r => $"{r.Name} ({r.ShortId}): {string.Join(" ", r.Started.Overrides)}").ToArray();
        if (overridden.Length > 0)
        {
            _html.Append("<p class=\"note\">Command-line overrides on top of the manifests: ")
                .Append(Text(string.Join("; ", overridden))).Append("</p>\n");
        }
        _html.Append("</section>\n");
    }

    private void Differences()
    {
        _html.Append("<section id=\"config\">\n<h2>Configuration differences</h2>\n");
        if (runs.Count < 2)
        {
            _html.Append("<p class=\"note\">One run: nothing to compare. Its manifest is under its samples.</p>\n");
        }
        else if (differences.Count == 0)
        {
            _html.Append("<p class=\"note\">The manifests are the same in every key.</p>\n");
        }
        else
        {
            _html.Append("<p class=\"note\">Keys whose value is not the same in every run's manifest ")
                .Append("(as recorded at the start, before command-line overrides).</p>\n")
                .Append("<table>\n<thead><tr><th>Key</th>");
            foreach (RunHistory run in runs)
            {
                _html.Append("<th>").Append(Text(run.Name)).Append(" <code>…").Append(run.ShortId)
                    .Append("</code></th>");
            }
            _html.Append("</tr></thead>\n<tbody>\n");
            foreach (ManifestDifference difference in differences)
            {
                _html.Append("<tr><td><code>").Append(Text(difference.Path)).Append("</code></td>");
                foreach (string? value in difference.Values)
                {
                    _html.Append(value is null
                        ? "<td class=\"note\">(absent)</td>"
                        : $"<td><code>{Text(value)}</code></td>");
                }
                _html.Append("</tr>\n");
            }
            _html.Append("</tbody>\n</table>\n");
        }
        _html.Append("</section>\n");
    }

    private void Curves()
    {
        _html.Append("<section id=\"curves\" class=\"curves\">\n<h2>Curves</h2>\n");
        if (plots.Count == 0)
        {
            _html.Append("<p class=\"note\">No run has a completed epoch yet.</p>\n");
        }
        _html.Append("<p class=\"note\">One colour per run (see the key in the run table); ")
            .Append("solid: D loss and D(x), dashed: G loss and D(G(z)).</p>\n");
        foreach (PlotImage plot in plots)
        {
            _html.Append("<figure>\n<img src=\"").Append(Text(plot.File)).Append("\" width=\"")
                .Append(CurvePlot.Width.ToString(CultureInfo.InvariantCulture)).Append("\" height=\"")
                .Append(CurvePlot.PanelHeight.ToString(CultureInfo.InvariantCulture)).Append("\" alt=\"")
                .Append(Text(plot.Title)).Append("\">\n");
            if (plot.LeftOut > 0)
            {
                _html.Append(CultureInfo.InvariantCulture, $"<figcaption>{plot.LeftOut} non-finite point(s) ")
                    .Append("not drawn; the per-epoch tables show them.</figcaption>\n");
            }
            _html.Append("</figure>\n");
        }
        _html.Append("</section>\n");
    }

    private void SampleGrids()
    {
        _html.Append("<section id=\"samples\">\n<h2>Samples per epoch</h2>\n")
            .Append("<p class=\"note\">The averaged generator on each run's fixed noise, so the same cell ")
            .Append("shows the same noise vector from epoch to epoch.</p>\n");
        for (int i = 0; i < runs.Count; i++)
        {
            RunHistory run = runs[i];
            _html.Append("<article id=\"run-").Append(run.RunId.ToString("N")).Append("\">\n<h3>")
                .Append("<span class=\"swatch\" style=\"background:").Append(CurvePlot.ColorOf(i)).Append("\"></span>")
                .Append(Text(run.Name)).Append(" <code>").Append(run.RunId.ToString())
                .Append("</code></h3>\n");
            if (samples[i].Count == 0)
            {
                _html.Append("<p class=\"note\">No sample grids recorded.</p>\n");
            }
            else
            {
                _html.Append("<div class=\"grids\">\n");
                foreach (SampleImage sample in samples[i])
                {
                    Grid(sample);
                }
                _html.Append("</div>\n");
            }
            EpochTable(run);
            _html.Append("<details><summary>Manifest as recorded</summary>\n<pre>")
                .Append(Text(run.Started.Manifest)).Append("</pre>\n</details>\n</article>\n");
        }
        _html.Append("</section>\n");
    }

    private void Grid(SampleImage sample)
    {
        string epoch = sample.Event.Epoch.ToString(CultureInfo.InvariantCulture);
        if (sample.Status == SampleStatus.Copied)
        {
            // A link to the file itself: the full-size grid without any script.
            string file = Text(sample.ReportPath);
            _html.Append("<figure><a href=\"").Append(file).Append("\"><img src=\"").Append(file)
                .Append("\" alt=\"samples after epoch ").Append(epoch).Append("\"></a><figcaption>epoch ")
                .Append(epoch).Append("</figcaption></figure>\n");
            return;
        }

        string detail = sample.Status switch
        {
            SampleStatus.Mismatched =>
                $"recorded SHA-256 {sample.Event.Sha256[..12]}…, file has {sample.ActualSha256?[..12]}…",
            _ => "",
        };
        _html.Append("<figure class=\"problem\" data-status=\"").Append(sample.Status.ToString().ToLowerInvariant())
            .Append("\"><div class=\"absent\">").Append(Text(Describe(sample.Status)))
            .Append("</div><figcaption>epoch ")
            .Append(epoch).Append(": <code>").Append(Text(sample.Source)).Append("</code>");
        if (detail.Length > 0)
        {
            _html.Append("<br>").Append(Text(detail));
        }
        _html.Append("</figcaption></figure>\n");
    }

    private void EpochTable(RunHistory run)
    {
        _html.Append("<details><summary>Per-epoch figures</summary>\n<table>\n<thead><tr><th>Epoch</th>")
            .Append("<th>Batches</th><th>D loss</th><th>G loss</th><th>D(x)</th><th>D(G(z))</th>")
            .Append("<th>D lr</th><th>G lr</th><th>Seconds</th><th>Images/s</th></tr></thead>\n<tbody>\n");
        foreach (EpochCompleted e in run.Epochs.Select(r => r.Stats))
        {
            _html.Append("<tr>").Append(Cell(e.Epoch.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(e.Batches.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(Number(e.DiscriminatorLoss))).Append(Cell(Number(e.GeneratorLoss)))
                .Append(Cell(Number(e.RealScore))).Append(Cell(Number(e.FakeScore)))
                .Append(Cell(Number(e.DiscriminatorLearningRate, "G3")))
                .Append(Cell(Number(e.GeneratorLearningRate, "G3")))
                .Append(Cell(Number(e.WallSeconds, "F1"))).Append(Cell(Number(e.ImagesPerSecond, "F1")))
                .Append("</tr>\n");
        }
        _html.Append("</tbody>\n</table>\n</details>\n");
    }

    private static string Cell(string text) => $"<td class=\"num\">{Text(text)}</td>";

    private static string Number(double? value, string format = "F4") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    // Same rule as the summary projection: a NaN epoch is never the best one.
    private static double? Lowest(IEnumerable<double> values)
    {
        double[] finite = values.Where(v => !double.IsNaN(v)).ToArray();
        return finite.Length == 0 ? null : finite.Min();
    }
}
