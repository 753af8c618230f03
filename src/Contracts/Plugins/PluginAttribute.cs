using System.Composition;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Names a plugin in its MEF export metadata. Put it beside <c>[Export(typeof(ICropPlugin))]</c>
/// (or the interface of the plugin's kind). The name is what manifests refer to; it must be
/// unique within its kind, lower-case, with words joined by hyphens.
/// </summary>
/// <example>
/// <code>
/// [Export(typeof(ILossPlugin))]
/// [Plugin("hinge", "Hinge loss of Lim and Ye (2017)")]
/// [PluginOption("margin", "1.0", "Where the hinge bends")]
/// public sealed class HingeLossPlugin : ILossPlugin { ... }
/// </code>
/// </example>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PluginAttribute : Attribute
{
    /// <summary>Declares the plugin's name and its one-line description.</summary>
    /// <param name="name">Unique name within the kind, as manifests spell it.</param>
    /// <param name="description">One line that <c>host plugins</c> shows.</param>
    public PluginAttribute(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Unique name within the kind, as manifests spell it.</summary>
    public string Name { get; }

    /// <summary>One line that <c>host plugins</c> shows.</summary>
    public string Description { get; }
}
