using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DogGan.Plugins.Losses;

/// <summary>
/// The standard non-saturating GAN loss on logits: D minimises BCE(real, realLabel) +
/// BCE(fake, 0), G minimises BCE(fake, 1). A real label below 1 is one-sided smoothing; the
/// generator's target stays 1.
/// </summary>
public sealed class BceLoss : IGanLoss
{
    /// <summary>Creates the loss; the plugin has range-checked the label.</summary>
    public BceLoss(double realLabel)
    {
        RealLabel = realLabel;
    }

    /// <summary>The target of real images in the D step.</summary>
    public double RealLabel { get; }

    /// <inheritdoc />
    public Tensor DiscriminatorLoss(Tensor realLogits, Tensor fakeLogits)
    {
        ArgumentNullException.ThrowIfNull(realLogits);
        ArgumentNullException.ThrowIfNull(fakeLogits);
        using var scope = torch.NewDisposeScope();
        Tensor real = F.binary_cross_entropy_with_logits(
            realLogits, torch.full_like(realLogits, RealLabel));
        Tensor fake = F.binary_cross_entropy_with_logits(fakeLogits, torch.zeros_like(fakeLogits));
        return (real + fake).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeLogits)
    {
        ArgumentNullException.ThrowIfNull(fakeLogits);
        using Tensor target = torch.ones_like(fakeLogits);
        return F.binary_cross_entropy_with_logits(fakeLogits, target);
    }
}
