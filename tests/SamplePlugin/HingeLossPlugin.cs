using System.Composition;
using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.SamplePlugin;

/// <summary>The hinge loss of Lim and Ye (2017), as a third-party plugin would ship it.</summary>
[Export(typeof(ILossPlugin))]
[Plugin("sample-hinge", "Hinge loss (sample third-party plugin)")]
[PluginOption("margin", "1.0", "Where the hinge bends")]
public sealed class HingeLossPlugin : ILossPlugin
{
    public IGanLoss Create(PluginOptions options) => new HingeLoss(options.GetDouble("margin", 0, 100));

    private sealed class HingeLoss(double margin) : IGanLoss
    {
        public Tensor DiscriminatorLoss(Tensor realLogits, Tensor fakeLogits) =>
            nn.functional.relu(margin - realLogits).mean() + nn.functional.relu(margin + fakeLogits).mean();

        public Tensor GeneratorLoss(Tensor fakeLogits) => -fakeLogits.mean();
    }
}
