using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host generate</c>.</summary>
internal sealed class GenerateSettings : HostSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("Run id or a unique start of one (see host runs)")]
    public string Run { get; init; } = "";

    [CommandOption("--count <N>")]
    [Description("Images to write; the competition takes 10000")]
    [DefaultValue(10_000)]
    public int Count { get; init; } = 10_000;

    [CommandOption("--out <ZIP>")]
    [Description("The archive to write")]
    [DefaultValue("images.zip")]
    public string Out { get; init; } = "images.zip";

    [CommandOption("--seed <N>")]
    [Description("Seed of the latent vectors; the same seed gives a byte-identical archive")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Images generated at once (memory)")]
    [DefaultValue(500)]
    public int Batch { get; init; } = 500;
}
