using System.ComponentModel;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// The metadata view MEF fills from <see cref="PluginAttribute"/> and
/// <see cref="PluginOptionAttribute"/>. Plugin authors do not use it; the host reads it.
/// </summary>
public sealed class PluginMetadata
{
    /// <summary>See <see cref="PluginAttribute.Name"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>See <see cref="PluginAttribute.Description"/>.</summary>
    public string Description { get; set; } = "";

    /// <summary>The declared option names, in declaration order; null when there are none.</summary>
    [DefaultValue(null)]
    public string[]? OptionName { get; set; }

    /// <summary>The declared defaults, parallel to <see cref="OptionName"/>.</summary>
    [DefaultValue(null)]
    public string[]? OptionDefault { get; set; }

    /// <summary>The declared descriptions, parallel to <see cref="OptionName"/>.</summary>
    [DefaultValue(null)]
    public string[]? OptionDescription { get; set; }
}
