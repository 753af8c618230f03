using System.Composition;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Architectures;

/// <summary>Exports <see cref="DcganArchitecture"/>, the recipe's networks.</summary>
[Export(typeof(IArchitecturePlugin))]
[Plugin("dcgan", "The recipe's wider and deeper DCGAN with split batch norm in D")]
[PluginOption("ch", "48", "Width unit shared by G and D (G starts at 32 ch channels)")]
[PluginOption("nz", "256", "Length of the latent vector")]
[PluginOption("splitBatchNorm", "true", "Normalise reals and fakes separately in D's batch norm")]
public sealed class DcganArchitecturePlugin : IArchitecturePlugin
{
    /// <inheritdoc />
    public IGanArchitecture Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DcganArchitecture(
            options.GetInt32("ch", 1, 1024),
            options.GetInt32("nz", 1, 65536),
            options.GetBoolean("splitBatchNorm"));
    }
}
