using System.Reflection;
using DogGan.Host.History;
using DogGan.Host.Store;

namespace DogGan.Host.Reports;

/// <summary>
/// Writes the static report of some runs into a folder: index.html, the curve plots, and the
/// runs' verified sample grids under samples/.
/// </summary>
internal static class ReportWriter
{
    /// <summary>Marks a folder as a report, so that writing a report again may clear it.</summary>
    public const string MarkerFile = ".doggan-report";

    public const string LossPlotFile = "losses.png";
    public const string ScorePlotFile = "scores.png";

    /// <summary>
    /// Why <paramref name="folder"/> cannot take a report, or null when it can: it must be
    /// missing, empty, or an earlier report (which is then replaced).
    /// </summary>
    public static string? CheckFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (File.Exists(folder))
        {
            return $"--out {folder} is a file; give a folder for the report";
        }
        return !Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any()
            || File.Exists(Path.Combine(folder, MarkerFile))
                ? null
                : $"--out {folder} is not empty and holds no earlier report; give a new or empty folder";
    }

    /// <summary>Finds the runs (full ids or unique prefixes), reads their streams and writes the report.</summary>
    public static async Task<ReportResult> WriteAsync(
        RunStore store, IReadOnlyList<string> runIds, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runIds);
        if (CheckFolder(folder) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var runs = new List<RunHistory>();
        foreach (string runId in runIds)
        {
            RunSummary summary = await store.ResolveRunAsync(runId, cancellationToken).ConfigureAwait(false);
            if (runs.Any(r => r.RunId == summary.Id))
            {
                continue; // the same run named twice, e.g. by id and by prefix
            }
            runs.Add(await HistoryQueries.LoadAsync(store, summary.Id, cancellationToken).ConfigureAwait(false));
        }

        folder = Path.GetFullPath(folder);
        ClearEarlierReport(folder);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, MarkerFile),
            "Written by `host report`; the next report into this folder replaces it.\n", cancellationToken)
            .ConfigureAwait(false);

        IReadOnlyList<IReadOnlyList<SampleImage>> samples =
            runs.Select(r => SampleCopier.Copy(r, folder, cancellationToken)).ToArray();
        IReadOnlyList<ManifestDifference> differences =
            ManifestDiff.Find(runs.Select(r => r.Started.Manifest).ToArray());
        IReadOnlyList<PlotImage> plots = Plots(runs, folder);

        string page = new ReportPage(runs, differences, samples, plots, DateTimeOffset.UtcNow, HostVersion).Render();
        string index = Path.Combine(folder, "index.html");
        await File.WriteAllTextAsync(index, page, cancellationToken).ConfigureAwait(false);
        return new ReportResult(index, runs, samples.SelectMany(s => s).ToArray(), differences);
    }

    private static IReadOnlyList<PlotImage> Plots(IReadOnlyList<RunHistory> runs, string folder)
    {
        if (runs.All(r => r.Epochs.Count == 0))
        {
            return [];
        }
        return
        [
            Plot(runs, folder, LossPlotFile, CurvePanel.Losses),
            Plot(runs, folder, ScorePlotFile, CurvePanel.Scores),
        ];
    }

    private static PlotImage Plot(IReadOnlyList<RunHistory> runs, string folder, string file, CurvePanel panel) =>
        new(file, panel.Title, CurvePlot.SavePanel(Path.Combine(folder, file), runs, panel));

    // Only what a report writes: the marker proves the folder is one of ours.
    private static void ClearEarlierReport(string folder)
    {
        if (!File.Exists(Path.Combine(folder, MarkerFile)))
        {
            return;
        }
        foreach (string file in new[] { "index.html", LossPlotFile, ScorePlotFile, MarkerFile })
        {
            File.Delete(Path.Combine(folder, file));
        }
        string samples = Path.Combine(folder, "samples");
        if (Directory.Exists(samples))
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static string HostVersion =>
        typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "unknown";
}
