using System.Text.Json;
using DogGan.Plugins.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Tests.Golden;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class SplitBatchNormGoldenTests
{
    [Fact]
    public void Forward_TwoGroupsThenEval_MatchesReferenceOutputsAndRunningStatistics()
    {
        using JsonDocument golden = ReferenceFiles.Load("split_bn.json");
        JsonElement root = golden.RootElement;
        long[] shape = root.GetProperty("shape").Longs();
        using var scope = torch.NewDisposeScope();
        Tensor input = torch.tensor(root.GetProperty("input").Doubles(), shape, float64);
        using var layer = new SplitBatchNorm2d(shape[1], dtype: float64);
        using (torch.no_grad())
        {
            layer.Weight.copy_(torch.tensor(root.GetProperty("gain").Doubles(), float64));
            layer.Bias.copy_(torch.tensor(root.GetProperty("bias").Doubles(), float64));
        }

        layer.train();
        Tensor training = layer.call(input, 2);
        Close.All(root.GetProperty("trainingOutput").Doubles(), training.data<double>().ToArray(),
            what: "training output");
        Close.All(root.GetProperty("runningMeanAfter").Doubles(), layer.RunningMean.data<double>().ToArray(),
            what: "running mean");
        Close.All(root.GetProperty("runningVarAfter").Doubles(), layer.RunningVar.data<double>().ToArray(),
            what: "running variance");
        Assert.Equal(2L, layer.NumBatchesTracked.item<long>());

        layer.eval();
        Tensor evaluation = layer.call(input, 2);
        Close.All(root.GetProperty("evalOutputAfter").Doubles(), evaluation.data<double>().ToArray(),
            what: "eval output");
    }
}
