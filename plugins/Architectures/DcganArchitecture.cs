using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Architectures;

/// <summary>
/// The recipe's "wider and deeper" DCGAN for 64x64 images: both nets widened together through
/// one <c>ch</c>, with extra 3x3 stride-1 layers, and split batch norm in the discriminator.
/// Layer lists follow RECIPE.md's tables; initialisation is TorchSharp's default, which is
/// PyTorch's.
/// </summary>
public sealed class DcganArchitecture : IGanArchitecture
{
    /// <summary>Describes the networks to build; the plugin has range-checked the values.</summary>
    /// <param name="ch">The width unit: G's first layer has 32 ch channels, D's last 16 ch.</param>
    /// <param name="latentSize">The latent length nz.</param>
    /// <param name="splitBatchNorm">Split batch norm in D; false gives ordinary BatchNorm2d over
    /// the whole batch.</param>
    public DcganArchitecture(int ch, int latentSize, bool splitBatchNorm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 1);
        Ch = ch;
        LatentSize = latentSize;
        SplitBatchNorm = splitBatchNorm;
    }

    /// <summary>The width unit.</summary>
    public int Ch { get; }

    /// <inheritdoc />
    public int LatentSize { get; }

    /// <summary>Whether D's batch-norm layers normalise each group of the batch separately.</summary>
    public bool SplitBatchNorm { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> CreateGenerator()
    {
        int c = Ch;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        void Up(long input, long output, long kernel, long stride, long padding)
        {
            layers.Add(nn.ConvTranspose2d(input, output, kernel, stride, padding, bias: false));
            layers.Add(nn.BatchNorm2d(output));
            layers.Add(nn.ReLU());
        }

        Up(LatentSize, c * 32, 4, 1, 0); // 4x4
        Up(c * 32, c * 16, 4, 2, 1);     // 8x8
        Up(c * 16, c * 8, 4, 2, 1);      // 16x16
        Up(c * 8, c * 8, 3, 1, 1);       // 16x16
        Up(c * 8, c * 4, 4, 2, 1);       // 32x32
        Up(c * 4, c * 4, 3, 1, 1);       // 32x32
        Up(c * 4, c * 2, 4, 2, 1);       // 64x64
        layers.Add(nn.ConvTranspose2d(c * 2, 3, 3, 1, 1, bias: true));
        layers.Add(nn.Tanh());
        return nn.Sequential(layers);
    }

    /// <inheritdoc />
    public nn.Module<Tensor, int, Tensor> CreateDiscriminator()
    {
        int c = Ch;
        var layers = new List<nn.Module>();
        void Down(long input, long output, long kernel, long stride, long padding, bool norm)
        {
            layers.Add(nn.Conv2d(input, output, kernel, stride, padding, bias: false));
            if (norm)
            {
                layers.Add(SplitBatchNorm ? new SplitBatchNorm2d(output) : nn.BatchNorm2d(output));
            }

            layers.Add(nn.LeakyReLU(0.2));
        }

        Down(3, c * 2, 4, 2, 1, norm: false);     // 32x32
        Down(c * 2, c * 4, 4, 2, 1, norm: false); // 16x16
        Down(c * 4, c * 4, 3, 1, 1, norm: true);  // 16x16
        Down(c * 4, c * 8, 4, 2, 1, norm: true);  // 8x8
        Down(c * 8, c * 8, 3, 1, 1, norm: true);  // 8x8
        Down(c * 8, c * 16, 4, 2, 1, norm: true); // 4x4
        layers.Add(nn.Conv2d(c * 16, 1, 4, 1, 0, bias: true));
        return new LayerStackDiscriminator(layers);
    }
}
