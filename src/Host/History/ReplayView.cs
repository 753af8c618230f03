using System.Globalization;
using DogGan.Contracts.Events;
using DogGan.Host.Handlers;
using Spectre.Console;

namespace DogGan.Host.History;

/// <summary>Prints a run's history: its identity, the epoch lines it printed, snapshots, files, notes.</summary>
internal static class ReplayView
{
    public static void Write(IAnsiConsole console, RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(history);
        ExperimentStarted s = history.Started;
        Line(console, $"run {s.RunId} {s.Name}: {history.Status}, {history.Epochs.Count}/{s.Epochs} epochs");
        Line(console, string.Create(CultureInfo.InvariantCulture,
            $"manifest {s.ManifestPath}{Overrides(s)}, seed {s.Seed}{(s.SeedDrawn ? " (drawn)" : "")}, "
            + $"{s.Device} x{s.Threads}, host {s.HostVersion}, started {Time(s.StartedAt)}"));
        Line(console, "plugins " + string.Join(", ",
            s.Plugins.Select(p => $"{p.Role}={p.Name} ({p.Assembly} {p.AssemblyVersion})")));
        Line(console, string.Create(CultureInfo.InvariantCulture,
            $"data {s.Data.Folder}: {s.Data.Images} images, {s.Data.Crops} crops, {s.Data.SkippedTotal} skipped"));

        // The same function as the live display: a replay line is the line the run printed.
        foreach (EpochRow row in history.Epochs)
        {
            Line(console, ProgressDisplay.FormatLine(row.Stats, s.Epochs, row.Checkpoint, row.Samples));
        }

        Section(console, "averager snapshots", history.Snapshots, a => string.Create(CultureInfo.InvariantCulture,
            $"epoch {a.Epoch,4}  {a.Averager} {(a.Active ? "active" : "waiting")}"
            + $"{(a.Beta is { } b ? $" beta {b:G4}" : "")}{(a.Count is { } c ? $" count {c}" : "")}"
            + $"  distance {a.ParameterDistance:G4}"));
        Section(console, "samples", history.Samples, g => string.Create(CultureInfo.InvariantCulture,
            $"epoch {g.Epoch,4}  {g.Path}  {g.Rows}x{g.Columns}  sha256 {g.Sha256[..Math.Min(12, g.Sha256.Length)]}"));
        var removed = history.RemovedCheckpoints.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        Section(console, "checkpoints", history.Checkpoints, c => string.Create(CultureInfo.InvariantCulture,
            $"epoch {c.Epoch,4}  {c.Path}  {c.Bytes} bytes  sha256 {c.Sha256[..Math.Min(12, c.Sha256.Length)]}"
            + $"{(removed.Contains(c.Path) ? "  (removed)" : "")}"));
        Section(console, "tags and notes", history.Annotations, a => a.Data switch
        {
            RunTagged t => $"{Time(a.Timestamp)}  tag {t.Tag}",
            RunNoteAdded n => $"{Time(a.Timestamp)}  note {n.Text}",
            _ => a.Data.GetType().Name,
        });
        if (history.Ending is { } ending)
        {
            Line(console, $"{Time(ending.Timestamp)}  {Ended(ending.Data)}");
        }
    }

    private static string Ended(object ending) => ending switch
    {
        ExperimentCompleted c => string.Create(CultureInfo.InvariantCulture,
            $"completed {c.Epochs} epochs in {c.WallSeconds:F1} s{(c.StoppedByTimeLimit ? " (time limit)" : "")}"),
        ExperimentFailed f => $"failed after epoch {f.LastCompletedEpoch}: {f.ErrorType}: {f.Error}",
        ExperimentInterrupted i => $"interrupted after epoch {i.LastCompletedEpoch}: {i.Reason}",
        _ => ending.GetType().Name,
    };

    private static void Section<T>(IAnsiConsole console, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }
        Line(console, $"{title}:");
        foreach (T item in items)
        {
            Line(console, "  " + line(item));
        }
    }

    private static string Overrides(ExperimentStarted s) =>
        s.Overrides.Count == 0 ? "" : $" ({string.Join(", ", s.Overrides)})";

    private static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Line(IAnsiConsole console, string text) => console.MarkupLine(Markup.Escape(text));
}
