using System.Globalization;
using System.Text.Json;
using DogGan.Plugins.Averagers;
using DogGan.Tests.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Tests.Golden;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class EmaGoldenTests
{
    [Fact]
    public void BetaAt_DefaultOptions_MatchesReferenceScheduleAtListedEpochs()
    {
        using JsonDocument golden = ReferenceFiles.Load("ema.json");
        var ema = (EmaAverager)new EmaAveragerPlugin().Create(DefaultOptions.For<EmaAveragerPlugin>());
        JsonProperty[] epochs = golden.RootElement.GetProperty("betaAtEpoch").EnumerateObject().ToArray();
        Assert.NotEmpty(epochs);
        foreach (JsonProperty epoch in epochs)
        {
            int index = int.Parse(epoch.Name, CultureInfo.InvariantCulture);
            Close.Equal(epoch.Value.GetDouble(), ema.BetaAt(index), relative: 1e-14, what: $"beta at epoch {index}");
        }
    }

    [Fact]
    public void Update_ReferenceShadowAndSource_BlendsAsReference()
    {
        using JsonDocument golden = ReferenceFiles.Load("ema.json");
        JsonElement update = golden.RootElement.GetProperty("update");
        double beta = update.GetProperty("beta").GetDouble();
        double[] shadow = update.GetProperty("shadow").Doubles();
        double[] source = update.GetProperty("source").Doubles();
        var options = DefaultOptions.For<EmaAveragerPlugin>(
            ("beta", beta.ToString("R", CultureInfo.InvariantCulture)), ("bumpEpochs", "[]"));
        using var ema = (EmaAverager)new EmaAveragerPlugin().Create(options);

        using var scope = torch.NewDisposeScope();
        nn.Module<Tensor, Tensor> CreateGenerator() =>
            nn.Sequential(nn.Linear(shadow.Length, 1, hasBias: false, dtype: float64));
        using nn.Module<Tensor, Tensor> generator = CreateGenerator();
        ema.Start(generator, CreateGenerator);
        using (torch.no_grad())
        {
            ema.State()["0.weight"].copy_(torch.tensor(shadow, [1, shadow.Length], float64));
            generator.parameters().Single().copy_(torch.tensor(source, [1, source.Length], float64));
        }

        ema.Update(generator, epochIndex: 0);

        Close.All(update.GetProperty("expected").Doubles(), ema.State()["0.weight"].data<double>().ToArray(),
            relative: 1e-12, what: "shadow after one update");
        Assert.Equal(1L, ema.Snapshot(0).Count);
    }
}
