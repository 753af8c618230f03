using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>What <c>host tag</c> and <c>host note</c> share: the run, and --force for a running one.</summary>
internal abstract class AnnotateSettings : HostSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("Run id, a unique prefix of one, or NAME@latest")]
    public string Run { get; init; } = "";

    [CommandOption("--force")]
    [Description("Write to a run the store still shows as running (only if its process is gone)")]
    public bool Force { get; init; }
}
