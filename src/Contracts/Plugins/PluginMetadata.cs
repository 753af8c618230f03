using System.ComponentModel;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// The metadata view MEF fills from <see cref="PluginAttribute"/> and
/// <see cref="PluginOptionAttribute"/>. Plugin authors do not use it; the host reads it.
/// </summary>
/// <remarks>
/// MEF builds the view through the dictionary constructor rather than property setters:
/// System.Composition gives a repeatable metadata attribute as an array only when it occurs more
/// than once, and as a bare value when a plugin declares a single option, which a
/// <c>string[]</c> setter cannot take.
/// </remarks>
public sealed class PluginMetadata
{
    /// <summary>An empty view, for tests and tools that fill it by hand.</summary>
    public PluginMetadata()
    {
    }

    /// <summary>The view MEF composes from an export's raw metadata.</summary>
    /// <param name="metadata">Metadata names to values: a string, or an array of strings for
    /// a repeated attribute.</param>
    public PluginMetadata(IDictionary<string, object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Name = metadata.TryGetValue(nameof(Name), out object? name) ? name as string ?? "" : "";
        Description = metadata.TryGetValue(nameof(Description), out object? description)
            ? description as string ?? ""
            : "";
        OptionName = Strings(metadata, nameof(OptionName));
        OptionDefault = Strings(metadata, nameof(OptionDefault));
        OptionDescription = Strings(metadata, nameof(OptionDescription));
    }

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

    private static string[]? Strings(IDictionary<string, object> metadata, string key) =>
        metadata.TryGetValue(key, out object? value)
            ? value switch
            {
                string single => [single],
                string[] several => several,
                object[] several => several.Select(v => v?.ToString() ?? "").ToArray(),
                _ => null,
            }
            : null;
}
