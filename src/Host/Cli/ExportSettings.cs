using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host export</c>.</summary>
internal sealed class ExportSettings : HostSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("Run id, or the start of one (see host runs)")]
    public string Run { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("File format: pytorch (a state_dict that torch.load reads)")]
    public string Format { get; init; } = "pytorch";

    [CommandOption("--out <FILE>")]
    [Description("The file to write, e.g. generator.pt")]
    public string Out { get; init; } = "";
}
