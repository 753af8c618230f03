using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host run MANIFEST</c>: train and record one experiment.</summary>
internal sealed class RunCommand(IMediator mediator, IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var overrides = new ManifestOverrides(settings.Data, settings.Epochs, settings.Device);
        RunOutcome outcome = await mediator.Send(
            new RunExperiment(settings.Manifest, overrides, settings.Out, settings.PluginFolders, settings.Store),
            cancellationToken);
        console.MarkupLine(Markup.Escape(outcome.Summary));
        return outcome.ExitCode;
    }
}
