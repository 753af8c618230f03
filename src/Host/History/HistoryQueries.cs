using DogGan.Contracts.Errors;
using DogGan.Host.Store;
using Spectre.Console;

namespace DogGan.Host.History;

/// <summary>
/// What <c>host replay</c> and <c>host compare</c> do once the store is open; the commands, the
/// tests and the benchmark all call these, so what is timed and tested is what the CLI runs.
/// </summary>
internal static class HistoryQueries
{
    /// <summary>Reads and sorts the stream of the run <paramref name="reference"/> names.</summary>
    public static async Task<RunHistory> LoadAsync(
        RunStore store, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        RunSummary run = await store.ResolveRunAsync(reference, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(store, run.Id, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RunHistory> LoadAsync(RunStore store, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<RecordedEvent> events =
            await store.ReadStreamAsync(runId, cancellationToken).ConfigureAwait(false);
        return RunHistory.From(runId, events);
    }

    /// <summary><c>host replay RUN [--plot FILE]</c>: prints the history, draws it when asked.</summary>
    public static async Task<RunHistory> ReplayAsync(RunStore store, IAnsiConsole console, string reference,
        string? plot, CancellationToken cancellationToken = default)
    {
        RunHistory history = await LoadAsync(store, reference, cancellationToken).ConfigureAwait(false);
        ReplayView.Write(console, history);
        if (plot is not null)
        {
            PlotWritten(console, plot, CurvePlot.Save(plot, [history]));
        }
        return history;
    }

    /// <summary>The runs a compare takes: those named, else those the filter lets through.</summary>
    public static async Task<IReadOnlyList<RunSummary>> SelectAsync(RunStore store, IReadOnlyList<string> references,
        RunFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(references);
        var runs = new List<RunSummary>();
        if (references.Count > 0)
        {
            foreach (string reference in references)
            {
                RunSummary run = await store.ResolveRunAsync(reference, cancellationToken).ConfigureAwait(false);
                if (runs.All(r => r.Id != run.Id))
                {
                    runs.Add(run);
                }
            }
            return runs;
        }
        runs.AddRange(await store.QueryRunsAsync(filter, cancellationToken).ConfigureAwait(false));
        if (runs.Count == 0)
        {
            throw new StoreException(
                $"no run in the store at {store.Server} matches {Describe(filter)}; 'host runs' lists them");
        }
        foreach (RunSummary run in runs)
        {
            RunStore.CheckFormat(run.Id, run.Name, run.FormatVersion);
        }
        return runs;
    }

    /// <summary><c>host compare</c>: the table, and the overlaid curves when asked.</summary>
    public static async Task<CompareReport> CompareAsync(RunStore store, IAnsiConsole console,
        IReadOnlyList<string> references, RunFilter filter, string? plot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        IReadOnlyList<RunSummary> runs = await SelectAsync(store, references, filter, cancellationToken)
            .ConfigureAwait(false);
        CompareReport report = CompareReport.Build(runs);
        console.Write(report.ToTable());
        console.MarkupLine(Markup.Escape(
            $"{runs.Count} run(s); {report.ManifestDifferences.Count} manifest key(s) differ"));
        if (plot is not null)
        {
            var histories = new List<RunHistory>();
            foreach (RunSummary run in runs)
            {
                histories.Add(await LoadAsync(store, run.Id, cancellationToken).ConfigureAwait(false));
            }
            PlotWritten(console, plot, CurvePlot.Save(plot, histories));
        }
        return report;
    }

    private static void PlotWritten(IAnsiConsole console, string plot, int leftOut) =>
        console.MarkupLine(Markup.Escape($"plot written to {Path.GetFullPath(plot)}"
            + (leftOut > 0 ? $"; {leftOut} non-finite point(s) not drawn, replay lists them" : "")));

    private static string Describe(RunFilter filter)
    {
        var parts = new List<string>();
        if (filter.Name is { } name) { parts.Add($"--name {name}"); }
        if (filter.Status is { } status) { parts.Add($"--status {status}"); }
        if (filter.Since is { } since) { parts.Add($"--since {since:O}"); }
        if (filter.Tag is { } tag) { parts.Add($"--tag {tag}"); }
        return parts.Count == 0 ? "(no filter)" : string.Join(" ", parts);
    }
}
