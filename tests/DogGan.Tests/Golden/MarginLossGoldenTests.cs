using System.Text.Json;
using DogGan.Plugins.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Tests.Golden;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class MarginLossGoldenTests
{
    [Fact]
    public void Loss_EveryReferenceCase_MatchesValueAndGradient()
    {
        using JsonDocument golden = ReferenceFiles.Load("margin_loss.json");
        JsonElement[] cases = golden.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.NotEmpty(cases);
        foreach (JsonElement item in cases)
        {
            double margin = item.GetProperty("margin").GetDouble();
            double label = item.GetProperty("label").GetDouble();
            double[] values = item.GetProperty("logits").Doubles();
            string what = $"margin {margin}, label {label}";
            var loss = new HardMarginLoss(margin, realLabel: 0.95, fakeLabel: 0);

            using var scope = torch.NewDisposeScope();
            Tensor logits = torch.tensor(values, [values.Length, 1], float64, requires_grad: true);
            Tensor value = loss.Loss(logits, label);
            value.backward();

            Close.Equal(item.GetProperty("loss").GetDouble(), value.item<double>(), what: $"{what} loss");
            Close.All(item.GetProperty("gradient").Doubles(), logits.grad!.data<double>().ToArray(),
                what: $"{what} gradient");
        }
    }
}
