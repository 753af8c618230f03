using System.ComponentModel;
using DogGan.Host.Reports;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host report RUN [RUN...] --out DIR</c>: a static HTML page of some runs.</summary>
internal sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportCommand.Settings>
{
    /// <summary>Options of <c>host report</c>.</summary>
    internal sealed class Settings : HostSettings
    {
        [CommandArgument(0, "<RUN>")]
        [Description("Run ids or unique prefixes of them (see host runs); one or more")]
        public string[] Runs { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Folder for index.html and its images: new, empty, or an earlier report (replaced)")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (Runs.Length == 0)
            {
                return ValidationResult.Error("give at least one run id or prefix; host runs lists them");
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out DIR is required: the folder the report is written to");
            }
            return ReportWriter.CheckFolder(Out) is { } problem
                ? ValidationResult.Error(problem)
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(
        CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(settings.Store),
            cancellationToken: cancellationToken);
        ReportResult report = await ReportWriter.WriteAsync(store, settings.Runs, settings.Out!, cancellationToken);

        console.MarkupLine(Markup.Escape(
            $"report of {report.Runs.Count} run(s), {report.Differences.Count} differing manifest key(s), "
            + $"{report.Copied} of {report.Samples.Count} sample grid(s) copied: {report.IndexPath}"));
        if (report.Problems.Count > 0)
        {
            // The page marks each one where it belongs; the output names them all for a script or a log.
            console.MarkupLine(Markup.Escape(
                $"warning: {report.Problems.Count} sample grid(s) not shown: "
                + ReportPage.ProblemCounts(report.Problems)));
            foreach (SampleImage problem in report.Problems)
            {
                console.MarkupLine(Markup.Escape(
                    $"  {problem.Status.ToString().ToLowerInvariant()}: epoch {problem.Event.Epoch} {problem.Source}"));
            }
        }
        return 0;
    }
}
