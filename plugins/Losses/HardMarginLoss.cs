using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Losses;

/// <summary>
/// The recipe's hard-margin binary cross-entropy. A real-labelled term is floored at -log(m):
/// once the discriminator's probability on a real-labelled input exceeds the margin, that term
/// is constant and sends no gradient, which keeps D from over-fitting the real images.
/// </summary>
public sealed class HardMarginLoss : IGanLoss
{
    // Both constants are the recipe's: they keep log() finite at p = 0 and p = 1.
    private const double Epsilon = 1e-8;

    /// <summary>Creates the loss; the plugin has range-checked every value.</summary>
    public HardMarginLoss(double margin, double realLabel, double fakeLabel)
    {
        Margin = margin;
        RealLabel = realLabel;
        FakeLabel = fakeLabel;
    }

    /// <summary>The probability above which a real-labelled term stops sending gradient.</summary>
    public double Margin { get; }

    /// <summary>The label of real images in the D step and of fakes in the G step.</summary>
    public double RealLabel { get; }

    /// <summary>The label of fake images in the D step.</summary>
    public double FakeLabel { get; }

    /// <inheritdoc />
    public Tensor DiscriminatorLoss(Tensor realLogits, Tensor fakeLogits)
    {
        using Tensor real = Loss(realLogits, RealLabel);
        using Tensor fake = Loss(fakeLogits, FakeLabel);
        return real + fake;
    }

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeLogits) => Loss(fakeLogits, RealLabel);

    /// <summary>
    /// The loss of one batch of logits that all carry <paramref name="label"/>: the sum of the
    /// per-element terms divided by the batch size (the first dimension).
    /// </summary>
    public Tensor Loss(Tensor logits, double label)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = torch.NewDisposeScope();
        Tensor p = torch.sigmoid(logits);
        // The floor is computed in the logits' precision, as the reference does.
        Tensor floor = -torch.log(torch.tensor(Margin, logits.dtype, logits.device));
        Tensor realTerm = torch.maximum(-torch.log(p + Epsilon), floor);
        Tensor fakeTerm = torch.log(torch.clamp(1 - p + Epsilon, 0, 1));
        Tensor terms = label * realTerm - (1 - label) * fakeTerm;
        return (terms.sum() / logits.size(0)).MoveToOuterDisposeScope();
    }
}
