using ScottPlot;

namespace DogGan.Host.History;

/// <summary>
/// Draws the loss and D-score curves of one or more runs, by epoch, as one PNG: losses on top,
/// D(x) and D(G(z)) below. ScottPlot renders through SkiaSharp off-screen, so no display is needed.
/// </summary>
internal static class CurvePlot
{
    public const int Width = 1200;
    public const int Height = 900;

    /// <summary>Writes the PNG; <paramref name="path"/> must end in .png.</summary>
    public static void Save(string path, IReadOnlyList<RunHistory> runs)
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
        Plot losses = multiplot.GetPlot(0);
        Plot scores = multiplot.GetPlot(1);
        bool several = runs.Count > 1;
        foreach (RunHistory run in runs)
        {
            // Aligned by epoch number, so runs of different lengths overlay where they overlap.
            double[] epochs = run.Epochs.Select(e => (double)e.Stats.Epoch).ToArray();
            string label = several ? $"{run.Started.Name} {run.RunId.ToString("N")[..8]} " : "";
            Add(losses, epochs, run.Epochs.Select(e => e.Stats.DiscriminatorLoss), label + "D loss");
            Add(losses, epochs, run.Epochs.Select(e => e.Stats.GeneratorLoss), label + "G loss");
            Add(scores, epochs, run.Epochs.Select(e => e.Stats.RealScore), label + "D(x)");
            Add(scores, epochs, run.Epochs.Select(e => e.Stats.FakeScore), label + "D(G(z))");
        }
        losses.Title(runs.Count == 1 ? $"{runs[0].Started.Name} {runs[0].RunId}: losses" : "losses");
        losses.YLabel("epoch-mean loss");
        scores.Title("discriminator scores");
        scores.YLabel("mean sigmoid score");
        scores.XLabel("epoch");
        foreach (Plot plot in new[] { losses, scores })
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
        multiplot.SavePng(full, Width, Height);
    }

    private static void Add(Plot plot, double[] epochs, IEnumerable<double> values, string label)
    {
        // A diverged epoch (NaN) is a gap in the line rather than a failure to draw it.
        double[] ys = values.ToArray();
        var line = plot.Add.Scatter(epochs, ys);
        line.LegendText = label;
        line.MarkerSize = epochs.Length > 60 ? 0 : 4;
    }
}
