using System.ComponentModel;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// The metadata view MEF fills from <see cref="PluginAttribute"/> and
/// <see cref="PluginOptionAttribute"/>. Plugin authors do not use it; the host reads it.
/// </summary>
public sealed class PluginMetadata
{
    /// <summary>An empty view, for tools and tests that fill the properties themselves.</summary>
    public PluginMetadata()
    {
    }

    /// <summary>
    /// The view MEF builds from an export's metadata. MEF gives a repeatable attribute's values
    /// as an array only when it occurs more than once; a plugin with exactly one
    /// <see cref="PluginOptionAttribute"/> would otherwise fail to compose with an invalid cast,
    /// so each option value is accepted either as one string or as an array.
    /// </summary>
    /// <param name="metadata">The export's metadata by attribute property name.</param>
    public PluginMetadata(IDictionary<string, object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Name = metadata.TryGetValue(nameof(Name), out object? name) ? name as string ?? "" : "";
        Description = metadata.TryGetValue(nameof(Description), out object? text) ? text as string ?? "" : "";
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
                string one => [one],
                string[] many => many,
                _ => null,
            }
            : null;
}
