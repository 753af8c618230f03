using System.ComponentModel;
using System.Globalization;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host compare</c>.</summary>
internal sealed class CompareSettings : HostSettings
{
    private static readonly string[] Statuses =
        [RunStatus.Running, RunStatus.Completed, RunStatus.Failed, RunStatus.Interrupted];

    [CommandArgument(0, "[RUN]")]
    [Description("Runs to compare: ids, unique prefixes or NAME@latest; none = those the filters select")]
    public string[] Runs { get; init; } = [];

    [CommandOption("--name <NAME>")]
    [Description("Only runs of this manifest name")]
    public string? Name { get; init; }

    [CommandOption("--status <STATUS>")]
    [Description("Only runs in this state: running, completed, failed or interrupted")]
    public string? Status { get; init; }

    [CommandOption("--since <DATE>")]
    [Description("Only runs started at or after this date or time, e.g. 2026-03-01 or 2026-03-01T14:00Z")]
    public string? Since { get; init; }

    [CommandOption("--tag <TAG>")]
    [Description("Only runs carrying this tag")]
    public string? Tag { get; init; }

    [CommandOption("--plot <FILE.png>")]
    [Description("Overlay the runs' loss and D-score curves, aligned by epoch, in this PNG")]
    public string? Plot { get; init; }

    /// <summary>The filters as a query; call after validation.</summary>
    public RunFilter Filter() => new(Name, Status, Since is null ? null : ParseSince(Since), Tag);

    public override ValidationResult Validate()
    {
        bool filtered = Name is not null || Status is not null || Since is not null || Tag is not null;
        if (Runs.Length > 0 && filtered)
        {
            return ValidationResult.Error("give RUN ids or filters (--name, --status, --since, --tag), not both");
        }
        if (Status is not null && !Statuses.Contains(Status))
        {
            return ValidationResult.Error(
                $"--status '{Status}' is not a run state; use one of {string.Join(", ", Statuses)}");
        }
        if (Since is not null && ParseSince(Since) is null)
        {
            return ValidationResult.Error(
                $"--since '{Since}' is not a date; use e.g. 2026-03-01 (local midnight) or 2026-03-01T14:00Z");
        }
        return PlotOption.Validate(Plot);
    }

    private static DateTimeOffset? ParseSince(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal,
            out DateTimeOffset since)
            ? since
            : null;
}
