using DogGan.Contracts.Plugins;

namespace DogGan.Host.Plugins;

/// <summary>One option a plugin declares.</summary>
internal sealed record PluginOptionInfo(string Name, string DefaultJson, string Description);

/// <summary>A discovered plugin: what <c>host plugins</c> lists and what manifests can name.</summary>
internal sealed record PluginDescriptor(
    PluginKind Kind,
    string Name,
    string Description,
    IReadOnlyList<PluginOptionInfo> Options,
    string AssemblyName,
    string AssemblyVersion,
    string AssemblyPath,
    Func<object> CreateFactory);

/// <summary>A file in a plugins folder that gave no plugins, and why.</summary>
internal sealed record PluginLoadProblem(string Path, string Reason);
