using DogGan.Host.Messages;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host resume RUN</c>: continue an interrupted, failed or crashed run from its last checkpoint.</summary>
internal sealed class ResumeCommand(IMediator mediator, IAnsiConsole console) : AsyncCommand<ResumeSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ResumeSettings settings, CancellationToken cancellationToken)
    {
        RunOutcome outcome = await mediator.Send(
            new ResumeExperiment(settings.Run, settings.Epochs, settings.PluginFolders, settings.Store),
            cancellationToken);
        console.MarkupLine(Markup.Escape(outcome.Summary));
        return outcome.ExitCode;
    }
}
