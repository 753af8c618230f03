using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options every command takes.</summary>
internal class HostSettings : CommandSettings
{
    [CommandOption("--store <CONNECTION>")]
    [Description("PostgreSQL connection string; default: $DOGGAN_STORE, the config file, else the host's own cluster")]
    public string? Store { get; init; }

    [CommandOption("--plugins <DIR>")]
    [Description("Extra folder to load plugin DLLs from (repeatable); $DOGGAN_PLUGINS also works")]
    public string[] PluginFolders { get; init; } = [];

    [CommandOption("-v|--verbose")]
    [Description("Log debug detail")]
    public bool Verbose { get; init; }
}
