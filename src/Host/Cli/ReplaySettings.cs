using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host replay</c>.</summary>
internal sealed class ReplaySettings : HostSettings
{
    [CommandArgument(0, "[RUN]")]
    [Description("Run id, a unique prefix of one, or NAME@latest")]
    public string? Run { get; init; }

    [CommandOption("--rebuild")]
    [Description("First rebuild every run summary from the event streams")]
    public bool Rebuild { get; init; }

    [CommandOption("--plot <FILE.png>")]
    [Description("Draw the loss and D-score curves into this PNG")]
    public string? Plot { get; init; }

    public override ValidationResult Validate()
    {
        if (Run is null && !Rebuild)
        {
            return ValidationResult.Error("give a RUN (id, prefix or NAME@latest) to replay, or --rebuild");
        }
        if (Run is null && Plot is not null)
        {
            return ValidationResult.Error("--plot needs a RUN to draw");
        }
        return PlotOption.Validate(Plot);
    }
}
