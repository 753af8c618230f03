using DogGan.Contracts.Errors;
using DogGan.Plugins.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Tests.Plugins;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class LossTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Bce(double logit, double target) =>
        -(target * Math.Log(Sigmoid(logit)) + (1 - target) * Math.Log(1 - Sigmoid(logit)));

    [Fact]
    public void Bce_SmoothedRealLabel_MatchesHandComputedMeans()
    {
        double[] real = [0.3, -1.2, 2.5];
        double[] fake = [-0.7, 1.1, 0.05];
        var loss = (BceLoss)new BceLossPlugin().Create(DefaultOptions.For<BceLossPlugin>(("realLabel", "0.9")));
        using var scope = torch.NewDisposeScope();
        Tensor realLogits = torch.tensor(real, [3, 1], float64);
        Tensor fakeLogits = torch.tensor(fake, [3, 1], float64);

        double d = loss.DiscriminatorLoss(realLogits, fakeLogits).item<double>();
        double g = loss.GeneratorLoss(fakeLogits).item<double>();

        Golden.Close.Equal(real.Average(x => Bce(x, 0.9)) + fake.Average(x => Bce(x, 0)), d, what: "D loss");
        Golden.Close.Equal(fake.Average(x => Bce(x, 1)), g, what: "G loss");
    }

    [Fact]
    public void HardMargin_RealLabelOneAboveMargin_HasExactlyZeroGradient()
    {
        var loss = new HardMarginLoss(margin: 0.8, realLabel: 1.0, fakeLabel: 0);
        // p = sigmoid(2) = 0.88 > 0.8 and p = sigmoid(5) = 0.99; -1 is below the margin.
        using var scope = torch.NewDisposeScope();
        Tensor logits = torch.tensor(new[] { 2.0, 5.0, -1.0 }, [3, 1], float64, requires_grad: true);

        Tensor value = loss.Loss(logits, 1.0);
        value.backward();
        double[] gradient = logits.grad!.data<double>().ToArray();

        Assert.Equal(0.0, gradient[0]);
        Assert.Equal(0.0, gradient[1]);
        Assert.True(gradient[2] < 0, $"below the margin the gradient must push the logit up; got {gradient[2]}");
        Golden.Close.Equal((2 * -Math.Log(0.8) - Math.Log(Sigmoid(-1.0) + 1e-8)) / 3, value.item<double>());
    }

    [Fact]
    public void HardMargin_DiscriminatorAndGeneratorLosses_UseTheirLabels()
    {
        var loss = (HardMarginLoss)new HardMarginLossPlugin().Create(DefaultOptions.For<HardMarginLossPlugin>());
        using var scope = torch.NewDisposeScope();
        Tensor real = torch.tensor(new[] { 0.4, -2.0 }, [2, 1], float64);
        Tensor fake = torch.tensor(new[] { -0.3, 1.7 }, [2, 1], float64);

        double d = loss.DiscriminatorLoss(real, fake).item<double>();
        double g = loss.GeneratorLoss(fake).item<double>();

        Golden.Close.Equal(loss.Loss(real, 0.95).item<double>() + loss.Loss(fake, 0.0).item<double>(), d);
        Golden.Close.Equal(loss.Loss(fake, 0.95).item<double>(), g);
        Assert.Equal((0.8, 0.95, 0.0), (loss.Margin, loss.RealLabel, loss.FakeLabel));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void HardMarginPlugin_MarginOutsideOpenUnitInterval_ThrowsManifestExceptionNamingIt(string margin)
    {
        var error = Assert.Throws<ManifestException>(
            () => new HardMarginLossPlugin().Create(DefaultOptions.For<HardMarginLossPlugin>(("margin", margin))));
        Assert.Contains("$.margin", error.Message, StringComparison.Ordinal);
    }
}
