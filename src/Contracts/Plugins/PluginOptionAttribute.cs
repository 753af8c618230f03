using System.Composition;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Declares one option a plugin accepts, with its default as JSON text (<c>"0.8"</c>,
/// <c>"true"</c>, <c>"[200, 300]"</c>, <c>"\"text\""</c>). Repeat it once per option. The host
/// rejects manifests that set an option no attribute declares, and fills in the defaults of
/// the ones a manifest leaves out, so a plugin always sees every declared option.
/// </summary>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PluginOptionAttribute : Attribute
{
    /// <summary>Declares an option.</summary>
    /// <param name="optionName">The key in the manifest's <c>options</c> object.</param>
    /// <param name="optionDefault">The default, as JSON text.</param>
    /// <param name="optionDescription">One line for <c>host plugins</c>.</param>
    public PluginOptionAttribute(string optionName, string optionDefault, string optionDescription)
    {
        OptionName = optionName;
        OptionDefault = optionDefault;
        OptionDescription = optionDescription;
    }

    /// <summary>The key in the manifest's <c>options</c> object.</summary>
    public string OptionName { get; }

    /// <summary>The default, as JSON text.</summary>
    public string OptionDefault { get; }

    /// <summary>One line for <c>host plugins</c>.</summary>
    public string OptionDescription { get; }
}
