using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host resume</c>.</summary>
internal sealed class ResumeSettings : HostSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("Run id, or the start of one (see host runs)")]
    public string Run { get; init; } = "";

    [CommandOption("--epochs <N>")]
    [Description("Epochs to train in all; default: the run's plan. Above a completed run's epochs, trains it on")]
    public string? EpochsText { get; init; }

    public int? Epochs => EpochsOption.Parse(EpochsText);

    public override Spectre.Console.ValidationResult Validate() => EpochsOption.Validate(EpochsText);
}
