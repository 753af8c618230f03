using TorchSharp;
using static TorchSharp.torch.nn;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// Builds the two networks of a GAN for 64x64 RGB images in [-1, 1]. Each call returns a fresh
/// module with PyTorch's default initialisation drawn from torch's global generator, so a
/// seeded run builds identical networks. Weight averagers call
/// <see cref="CreateGenerator"/> again to get a twin to hold the averaged weights; it must
/// have the same parameter and buffer names.
/// </summary>
public interface IGanArchitecture
{
    /// <summary>The length of the latent vector z; the generator takes (batch, LatentSize, 1, 1).</summary>
    int LatentSize { get; }

    /// <summary>The generator: (batch, LatentSize, 1, 1) to (batch, 3, 64, 64) in [-1, 1].</summary>
    Module<torch.Tensor, torch.Tensor> CreateGenerator();

    /// <summary>
    /// The discriminator: (batch, 3, 64, 64) and a group count to (batch, 1, 1, 1) logits. The
    /// group count says how many equal parts the batch is made of that must be normalised
    /// separately in training mode: 2 for the discriminator step (reals, then fakes), 1 for
    /// the generator step. Architectures without split batch norm ignore it.
    /// </summary>
    Module<torch.Tensor, int, torch.Tensor> CreateDiscriminator();
}

/// <summary>The export contract of an architecture plugin: <c>[Export(typeof(IArchitecturePlugin))]</c>.</summary>
public interface IArchitecturePlugin : IPluginFactory<IGanArchitecture>
{
}
