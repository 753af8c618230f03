using TorchSharp;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// A GAN objective. Both methods take raw discriminator logits of shape (batch, ...) and
/// return a scalar tensor that autograd can differentiate; labels, margins and smoothing are
/// the loss's own options.
/// </summary>
public interface IGanLoss
{
    /// <summary>The discriminator's loss on a real batch and a fake batch (fakes detached by the caller).</summary>
    torch.Tensor DiscriminatorLoss(torch.Tensor realLogits, torch.Tensor fakeLogits);

    /// <summary>The generator's loss on the discriminator's logits for its fakes.</summary>
    torch.Tensor GeneratorLoss(torch.Tensor fakeLogits);
}

/// <summary>The export contract of a loss plugin: <c>[Export(typeof(ILossPlugin))]</c>.</summary>
public interface ILossPlugin : IPluginFactory<IGanLoss>
{
}
