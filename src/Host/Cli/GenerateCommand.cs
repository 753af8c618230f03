using DogGan.Host.Scoring;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host generate RUN</c>: the competition's images.zip from a run's averaged generator.</summary>
internal sealed class GenerateCommand(IMediator mediator, IAnsiConsole console) : AsyncCommand<GenerateSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        SubmissionWritten written = await mediator.Send(new GenerateSubmission(settings.Run, settings.Count,
            settings.Out, settings.Seed, settings.Batch, settings.PluginFolders, settings.Store), cancellationToken);
        console.MarkupLine(Markup.Escape(
            $"wrote {written.Count} PNGs of 64x64 from run {written.RunId} epoch {written.Epoch} to {written.Path} "
            + $"({written.Bytes} bytes, sha256 {written.Sha256}) in {written.Seconds:F1} s"));
        return 0;
    }
}
