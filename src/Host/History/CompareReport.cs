using System.Globalization;
using DogGan.Host.Store;
using Spectre.Console;

namespace DogGan.Host.History;

/// <summary>
/// Runs side by side, one column each: identity, figures, plugins with their assembly
/// versions, the manifest keys that differ, and any metrics. Built from the summaries alone.
/// </summary>
internal sealed class CompareReport
{
    private CompareReport(IReadOnlyList<RunSummary> runs, IReadOnlyList<CompareRow> rows,
        IReadOnlyList<ManifestDifference> differences)
    {
        Runs = runs;
        Rows = rows;
        ManifestDifferences = differences;
    }

    public IReadOnlyList<RunSummary> Runs { get; }

    /// <summary>Every row of the table, in order; manifest rows are labelled with their JSON path.</summary>
    public IReadOnlyList<CompareRow> Rows { get; }

    public IReadOnlyList<ManifestDifference> ManifestDifferences { get; }

    public static CompareReport Build(IReadOnlyList<RunSummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<CompareRow>();
        void Add(string label, Func<RunSummary, string> value) =>
            rows.Add(new CompareRow(label, runs.Select(value).ToList()));

        Add("name", r => r.Name);
        Add("status", r => r.Status);
        Add("started", r => r.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'",
            CultureInfo.InvariantCulture));
        Add("tags", r => r.Tags.Count == 0 ? "-" : string.Join(", ", r.Tags));
        Add("host", r => r.HostVersion);
        Add("seed", r => r.Seed.ToString(CultureInfo.InvariantCulture));
        Add("device", r => r.Device);
        Add("epochs", r => $"{r.EpochsDone}/{r.EpochsPlanned}");
        Add("final D loss", r => Number(r.LastDiscriminatorLoss, "F4"));
        Add("final G loss", r => Number(r.LastGeneratorLoss, "F4"));
        Add("best D loss", r => Number(r.BestDiscriminatorLoss, "F4"));
        Add("best G loss", r => Number(r.BestGeneratorLoss, "F4"));
        Add("final D(x)", r => Number(r.LastRealScore, "F3"));
        Add("final D(G(z))", r => Number(r.LastFakeScore, "F3"));
        Add("images/s", r => Number(r.ImagesPerSecond, "F1"));
        foreach (string metric in runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal))
        {
            Add(metric, r => r.Metrics.TryGetValue(metric, out double v) ? Number(v, "G5") : "-");
        }
        foreach (string role in runs.SelectMany(r => r.PluginDetails.Select(p => p.Role))
            .Distinct(StringComparer.Ordinal))
        {
            Add($"plugin {role}", r => string.Join(", ", r.PluginDetails.Where(p => p.Role == role)
                .Select(p => $"{p.Name} ({p.Assembly} {p.AssemblyVersion})")) is { Length: > 0 } text ? text : "-");
        }
        if (runs.Any(r => r.Overrides.Count > 0))
        {
            Add("overrides", r => r.Overrides.Count == 0 ? "-" : string.Join(" ", r.Overrides));
        }
        IReadOnlyList<ManifestDifference> differences = ManifestDiff.Find(runs.Select(r => r.Manifest).ToList());
        foreach (ManifestDifference difference in differences)
        {
            rows.Add(new CompareRow(difference.Path, difference.Values.Select(v => v ?? "(absent)").ToList()));
        }
        return new CompareReport(runs, rows, differences);
    }

    /// <summary>The table as the command prints it.</summary>
    public Table ToTable()
    {
        var table = new Table().AddColumn("");
        foreach (RunSummary run in Runs)
        {
            // The last eight hex digits, as plot legends show them: the first eight of a
            // version-7 id are its start time, the same for a sweep's runs started within a minute.
            table.AddColumn(Markup.Escape(run.Id.ToString("N")[^8..]));
        }
        foreach (CompareRow row in Rows)
        {
            table.AddRow([Markup.Escape(row.Label), .. row.Values.Select(Markup.Escape)]);
        }
        return table;
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
