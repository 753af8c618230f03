using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Architectures;

/// <summary>
/// The DCGAN of Radford et al. (2015) for 64x64 images, as PyTorch's example builds it, with
/// two departures: the discriminator ends in a logit (the losses apply the sigmoid), and the
/// weights keep the default initialisation (IGanArchitecture's contract) rather than the
/// paper's N(0, 0.02). No split batch norm: the discriminator ignores the group count.
/// </summary>
public sealed class ClassicDcganArchitecture : IGanArchitecture
{
    /// <summary>Describes the networks to build; the plugin has range-checked the values.</summary>
    /// <param name="features">The width unit f: G starts at 8f channels, D ends at 8f.</param>
    /// <param name="latentSize">The latent length nz.</param>
    public ClassicDcganArchitecture(int features, int latentSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 1);
        Features = features;
        LatentSize = latentSize;
    }

    /// <summary>The width unit f.</summary>
    public int Features { get; }

    /// <inheritdoc />
    public int LatentSize { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> CreateGenerator()
    {
        int f = Features;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        void Up(long input, long output, long stride, long padding)
        {
            layers.Add(nn.ConvTranspose2d(input, output, 4, stride, padding, bias: false));
            layers.Add(nn.BatchNorm2d(output));
            layers.Add(nn.ReLU());
        }

        Up(LatentSize, f * 8, 1, 0); // 4x4
        Up(f * 8, f * 4, 2, 1);      // 8x8
        Up(f * 4, f * 2, 2, 1);      // 16x16
        Up(f * 2, f, 2, 1);          // 32x32
        layers.Add(nn.ConvTranspose2d(f, 3, 4, 2, 1, bias: false)); // 64x64
        layers.Add(nn.Tanh());
        return nn.Sequential(layers);
    }

    /// <inheritdoc />
    public nn.Module<Tensor, int, Tensor> CreateDiscriminator()
    {
        int f = Features;
        var layers = new List<nn.Module>
        {
            nn.Conv2d(3, f, 4, 2, 1, bias: false), // 32x32, no batch norm on the input layer
            nn.LeakyReLU(0.2),
        };
        void Down(long input, long output)
        {
            layers.Add(nn.Conv2d(input, output, 4, 2, 1, bias: false));
            layers.Add(nn.BatchNorm2d(output));
            layers.Add(nn.LeakyReLU(0.2));
        }

        Down(f, f * 2);     // 16x16
        Down(f * 2, f * 4); // 8x8
        Down(f * 4, f * 8); // 4x4
        layers.Add(nn.Conv2d(f * 8, 1, 4, 1, 0, bias: false));
        return new LayerStackDiscriminator(layers);
    }
}
