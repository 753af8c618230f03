using ScottPlot;

namespace DogGan.Host.Reports;

/// <summary>
/// Per-epoch curves of several runs in one PNG: one colour per run, solid and dashed for the
/// two figures of a pair. The history helper's <c>compare</c> may plot the same curves; one
/// of the two should go when the branches meet.
/// </summary>
internal static class CurvePlot
{
    public const int Width = 1000;
    public const int Height = 420;

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The colour of run number <paramref name="run"/>'s lines, as #rrggbb, for the page's key.</summary>
    public static string ColorOf(int run) => Palette.GetColor(run).ToHex();

    /// <summary>Writes the plot to <paramref name="path"/>; returns how many non-finite points were left out.</summary>
    public static int Save(string path, string title, string yLabel, IReadOnlyList<CurveSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        int leftOut = 0;
        foreach (CurveSeries line in series)
        {
            // A diverged epoch (NaN loss) would break the line or the axis limits; it is
            // dropped from the picture and counted, and the page's tables still show it.
            int[] finite = Enumerable.Range(0, line.Values.Count).Where(i => double.IsFinite(line.Values[i])).ToArray();
            leftOut += line.Values.Count - finite.Length;
            double[] xs = finite.Select(i => (double)line.Epochs[i]).ToArray();
            double[] ys = finite.Select(i => line.Values[i]).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, Palette.GetColor(line.Run));
            scatter.LegendText = line.Label;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
            scatter.LinePattern = line.Dashed ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        // Whole epochs only on the x axis, however few there are.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // Beside the axes rather than on them: with several runs a legend inside hides the lines.
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
        return leftOut;
    }
}
