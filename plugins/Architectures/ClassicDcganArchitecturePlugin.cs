using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Architectures;

/// <summary>Exports <see cref="ClassicDcganArchitecture"/>.</summary>
[Export(typeof(IArchitecturePlugin))]
[Plugin("dcgan-classic", "Radford et al.'s DCGAN for 64x64 images, without split batch norm")]
[PluginOption("ch", "64", "Width unit f (G starts at 8f channels, D ends at 8f)")]
[PluginOption("nz", "100", "Length of the latent vector")]
public sealed class ClassicDcganArchitecturePlugin : IArchitecturePlugin
{
    /// <inheritdoc />
    public IGanArchitecture Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClassicDcganArchitecture(options.GetInt32("ch", 1, 1024), options.GetInt32("nz", 1, 65536));
    }
}
