using ScottPlot;

namespace DogGan.Host.History;

/// <summary>
/// Per-epoch curves of one or more runs as PNG, aligned by epoch number so runs of different
/// lengths overlay where they overlap: one colour per run, solid and dashed for the two
/// figures of a panel. <c>host report</c> writes each panel to its own file; <c>replay
/// --plot</c> and <c>compare --plot</c> write both, losses above scores, to one. ScottPlot
/// renders through SkiaSharp off-screen, so no display is needed.
/// </summary>
internal static class CurvePlot
{
    public const int Width = 1000;

    /// <summary>The height of one panel, and of each file the report writes.</summary>
    public const int PanelHeight = 420;

    /// <summary>The height of the two-panel file of <see cref="Save"/>.</summary>
    public const int Height = 2 * PanelHeight;

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The colour of run number <paramref name="run"/>'s lines, as #rrggbb, for a page's key.</summary>
    public static string ColorOf(int run) => Palette.GetColor(run).ToHex();

    /// <summary>
    /// Writes both panels to <paramref name="path"/>, which must end in .png; returns how many
    /// non-finite points were left out.
    /// </summary>
    public static int Save(string path, IReadOnlyList<RunHistory> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{path}': the plot is a PNG; give a file name ending in .png", nameof(path));
        }
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        int leftOut = Draw(multiplot.GetPlot(0), runs, CurvePanel.Losses)
            + Draw(multiplot.GetPlot(1), runs, CurvePanel.Scores);
        multiplot.SavePng(full, Width, Height);
        return leftOut;
    }

    /// <summary>
    /// Writes one panel to <paramref name="path"/>; returns how many non-finite points were left out.
    /// </summary>
    public static int SavePanel(string path, IReadOnlyList<RunHistory> runs, CurvePanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var plot = new Plot();
        int leftOut = Draw(plot, runs, panel);
        plot.SavePng(path, Width, PanelHeight);
        return leftOut;
    }

    /// <summary>The panel's two lines for each run, in run order.</summary>
    public static IReadOnlyList<CurveSeries> Series(IReadOnlyList<RunHistory> runs, CurvePanel panel)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(panel);
        var series = new List<CurveSeries>();
        for (int i = 0; i < runs.Count; i++)
        {
            RunHistory run = runs[i];
            int[] epochs = run.Epochs.Select(e => e.Stats.Epoch).ToArray();
            string label = $"{run.Name} ({run.ShortId})";
            series.Add(new CurveSeries($"{label} {panel.First.Name}", epochs,
                run.Epochs.Select(e => panel.First.Value(e.Stats)).ToArray(), i, Dashed: false));
            series.Add(new CurveSeries($"{label} {panel.Second.Name}", epochs,
                run.Epochs.Select(e => panel.Second.Value(e.Stats)).ToArray(), i, Dashed: true));
        }
        return series;
    }

    private static int Draw(Plot plot, IReadOnlyList<RunHistory> runs, CurvePanel panel)
    {
        int leftOut = 0;
        foreach (CurveSeries line in Series(runs, panel))
        {
            // A diverged epoch (NaN loss) would break the line or the axis limits; it is
            // dropped from the picture and counted, and the tables still show it.
            int[] finite = Enumerable.Range(0, line.Values.Count).Where(i => double.IsFinite(line.Values[i])).ToArray();
            leftOut += line.Values.Count - finite.Length;
            double[] xs = finite.Select(i => (double)line.Epochs[i]).ToArray();
            double[] ys = finite.Select(i => line.Values[i]).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, Palette.GetColor(line.Run));
            scatter.LegendText = line.Label;
            scatter.LineWidth = 2;
            // Markers show single epochs on short runs; on a 600-epoch run they only smear the line.
            scatter.MarkerSize = line.Epochs.Count > 60 ? 0 : 6;
            scatter.LinePattern = line.Dashed ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.Title(panel.Title);
        plot.XLabel("epoch");
        plot.YLabel(panel.YLabel);
        // Whole epochs only on the x axis, however few there are.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // Beside the axes rather than on them: with several runs a legend inside hides the lines.
        plot.ShowLegend(Edge.Right);
        return leftOut;
    }
}
