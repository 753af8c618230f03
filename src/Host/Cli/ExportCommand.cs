using DogGan.Host.Messages;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host export RUN --out FILE</c>: a run's averaged generator, for PyTorch.</summary>
internal sealed class ExportCommand(IMediator mediator, IAnsiConsole console) : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Out))
        {
            throw new Contracts.Errors.ManifestException("--out: give the file to write, e.g. --out generator.pt");
        }

        ExportOutcome outcome = await mediator.Send(
            new ExportRun(settings.Run, settings.Format, settings.Out, settings.PluginFolders, settings.Store),
            cancellationToken);
        console.MarkupLine(Markup.Escape(
            $"wrote {outcome.Tensors.Count} tensors of run {outcome.RunId} (epoch {outcome.Epoch}) to {outcome.Path}; "
            + "in Python: generator.load_state_dict(torch.load(path))"));
        return 0;
    }
}
