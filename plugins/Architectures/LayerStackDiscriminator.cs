using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace DogGan.Plugins.Architectures;

/// <summary>
/// A discriminator that runs its layers in order, like a Sequential, but hands the group count
/// to the split batch-norm layers (the only ones that need it). The layers are registered as
/// <c>main.0</c>, <c>main.1</c>, ..., as PyTorch's DCGAN example names them. Disposing it
/// disposes the layers (TorchSharp's Module does that for registered children).
/// </summary>
internal sealed class LayerStackDiscriminator : nn.Module<Tensor, int, Tensor>
{
    [ComponentName(Name = "main")]
    private readonly ModuleList<nn.Module> _main;

    public LayerStackDiscriminator(IEnumerable<nn.Module> layers)
        : base(nameof(LayerStackDiscriminator))
    {
        _main = new ModuleList<nn.Module>(layers.ToArray());
        foreach (nn.Module layer in _main)
        {
            if (layer is not SplitBatchNorm2d and not nn.Module<Tensor, Tensor>)
            {
                throw new ArgumentException(
                    $"layer {layer.GetType().Name} is neither tensor-to-tensor nor split batch norm",
                    nameof(layers));
            }
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input, int groups)
    {
        Tensor x = input;
        foreach (nn.Module layer in _main)
        {
            Tensor next = layer is SplitBatchNorm2d split
                ? split.call(x, groups)
                : ((nn.Module<Tensor, Tensor>)layer).call(x);
            // Each intermediate is released as soon as the next layer has read it; autograd
            // holds its own references.
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, next))
            {
                x.Dispose();
            }

            x = next;
        }

        return x;
    }
}
