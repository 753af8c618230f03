using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host run</c>.</summary>
internal sealed class RunSettings : HostSettings
{
    [CommandArgument(0, "<MANIFEST>")]
    [Description("Experiment manifest (JSON), e.g. experiments/smoke.json")]
    public string Manifest { get; init; } = "";

    [CommandOption("--data <DIR>")]
    [Description("Data folder in the Kaggle layout (all-dogs/, Annotation/); overrides data.folder")]
    public string? Data { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Epochs to train; overrides training.epochs")]
    public string? EpochsText { get; init; }

    public int? Epochs => EpochsOption.Parse(EpochsText);

    public override Spectre.Console.ValidationResult Validate() => EpochsOption.Validate(EpochsText);

    [CommandOption("--device <DEVICE>")]
    [Description("cpu or cuda; overrides device")]
    public string? Device { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for run folders (samples, checkpoints); default: ./runs")]
    public string Out { get; init; } = "runs";
}
