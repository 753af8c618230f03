using DogGan.Contracts.Plugins;
using DogGan.Plugins.Averagers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DogGan.Tests.Plugins;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class AveragerTests
{
    private const int Latent = 4;

    // A generator small enough to reason about: one transposed convolution, one batch norm.
    private static nn.Module<Tensor, Tensor> TinyGenerator() =>
        nn.Sequential(
            nn.ConvTranspose2d(Latent, 3, 4, 1, 0, bias: true, dtype: float64),
            nn.BatchNorm2d(3, dtype: float64),
            nn.Tanh());

    private static Tensor[] LatentBatches(int count, long batch)
    {
        using var generator = new torch.Generator(11);
        return Enumerable.Range(0, count)
            .Select(i => torch.randn([batch, Latent, 1, 1], float64, generator: generator) * (1 + i))
            .ToArray();
    }

    private static void SetParameters(nn.Module module, double offset)
    {
        using var noGrad = torch.no_grad();
        int i = 0;
        foreach (Parameter parameter in module.parameters())
        {
            parameter.copy_(torch.arange(parameter.numel(), dtype: float64).reshape(parameter.shape) * (++i) + offset);
        }
    }

    [Fact]
    public void SwaUpdate_ThreeKnownStates_AveragesToTheirMean()
    {
        using var scope = torch.NewDisposeScope();
        using var swa = (SwaAverager)new SwaAveragerPlugin().Create(
            DefaultOptions.For<SwaAveragerPlugin>(("startEpoch", "2")));
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        swa.Start(generator, TinyGenerator);
        SetParameters(generator, 100);
        swa.Update(generator, epochIndex: 1); // before the start epoch: ignored
        Assert.False(swa.Snapshot(1).Active);

        var states = new List<Dictionary<string, Tensor>>();
        foreach (double offset in new[] { -3.0, 0.5, 7.25 })
        {
            SetParameters(generator, offset);
            states.Add(generator.named_parameters().ToDictionary(p => p.name, p => p.parameter.clone()));
            swa.Update(generator, epochIndex: 2);
        }

        Assert.Equal(new AveragerSnapshot("swa", true, null, 3), swa.Snapshot(2));
        IReadOnlyDictionary<string, Tensor> averaged = swa.State();
        foreach (string name in states[0].Keys)
        {
            Tensor mean = (states[0][name] + states[1][name] + states[2][name]) / 3;
            Assert.True(mean.allclose(averaged[name], 1e-12, 1e-12), $"{name} is not the mean of the three states");
        }
    }

    [Fact]
    public void SwaPrepareForSampling_BeforeStartEpoch_ReturnsLiveGeneratorInEvalMode()
    {
        using var scope = torch.NewDisposeScope();
        using var swa = new SwaAverager(startEpoch: 5, SwaGranularity.Step, batchNormBatches: 2);
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        swa.Start(generator, TinyGenerator);
        swa.Update(generator, 4);

        nn.Module<Tensor, Tensor> sampler = swa.PrepareForSampling(generator, () => torch.zeros(2, Latent, 1, 1));

        Assert.Same(generator, sampler);
        Assert.False(generator.training);
        Assert.Equal(0L, swa.Snapshot(4).Count);
    }

    [Fact]
    public void SwaEpochGranularity_ManyStepsInOneEpoch_FoldsOnce()
    {
        using var scope = torch.NewDisposeScope();
        using var swa = (SwaAverager)new SwaAveragerPlugin().Create(
            DefaultOptions.For<SwaAveragerPlugin>(("startEpoch", "0"), ("updateEvery", "\"epoch\"")));
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        swa.Start(generator, TinyGenerator);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            for (int step = 0; step < 4; step++)
            {
                swa.Update(generator, epoch);
            }
        }

        Assert.Equal(3L, swa.Count);
    }

    [Fact]
    public void SwaPrepareForSampling_AfterAveraging_SetsRunningStatsToGeneratedActivationStatistics()
    {
        using var scope = torch.NewDisposeScope();
        const int batches = 5;
        using var swa = (SwaAverager)new SwaAveragerPlugin().Create(
            DefaultOptions.For<SwaAveragerPlugin>(("startEpoch", "0"), ("bnBatches", $"{batches}")));
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        swa.Start(generator, TinyGenerator);
        swa.Update(generator, 0);
        Tensor[] latents = LatentBatches(batches, 6);
        int drawn = 0;

        nn.Module<Tensor, Tensor> sampler = swa.PrepareForSampling(generator, () => latents[drawn++]);

        Assert.Equal(batches, drawn);
        Assert.False(sampler.training);
        var convolution = (ConvTranspose2d)sampler.modules().First(m => m is ConvTranspose2d);
        var norm = (BatchNorm2d)sampler.modules().First(m => m is BatchNorm2d);
        Tensor[] activations = latents.Select(z => convolution.call(z)).ToArray();
        Tensor mean = torch.stack(activations.Select(a => a.mean([0, 2, 3]))).mean([0]);
        Tensor variance = torch.stack(activations.Select(a => a.var([0, 2, 3], unbiased: true))).mean([0]);
        Assert.True(norm.running_mean!.allclose(mean, 1e-10, 1e-12), "running mean is not the batches' mean");
        Assert.True(norm.running_var!.allclose(variance, 1e-10, 1e-12), "running var is not the mean variance");
        Assert.Equal(0.1, norm.momentum); // the recompute leaves the layer's momentum as it found it
    }

    [Fact]
    public void EmaUpdate_ParametersMoveBuffersStay()
    {
        using var scope = torch.NewDisposeScope();
        using var ema = (EmaAverager)new EmaAveragerPlugin().Create(DefaultOptions.For<EmaAveragerPlugin>());
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        ema.Start(generator, TinyGenerator);
        Tensor before = ema.State()["1.running_mean"].clone();
        Tensor shadowWeight = ema.State()["0.weight"].clone();
        generator.train();
        using (torch.no_grad())
        {
            generator.call(LatentBatches(1, 8)[0] + 3); // moves G's running stats
        }

        SetParameters(generator, 1);
        ema.Update(generator, epochIndex: 250);

        double beta = ema.BetaAt(250);
        Close(0.99, beta); // epoch 250 is past the first bump only
        Tensor expected = beta * shadowWeight + (1 - beta) * generator.named_parameters().First().parameter;
        Assert.True(expected.allclose(ema.State()["0.weight"], 1e-12, 1e-12), "weight is not the 0.99 blend");
        Assert.True(before.equal(ema.State()["1.running_mean"]).all().item<bool>(), "shadow buffers moved");
        Assert.False(before.equal(generator.named_buffers().First().buffer).all().item<bool>());
        Assert.Equal(new AveragerSnapshot("ema", true, beta, 1), ema.Snapshot(250));
    }

    [Fact]
    public void EmaRestore_StateOfAnotherAverager_ReproducesItsShadowAndCount()
    {
        using var scope = torch.NewDisposeScope();
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        using var first = new EmaAverager(0.5, [], 0.9, batchNormBatches: 0);
        first.Start(generator, TinyGenerator);
        SetParameters(generator, 2);
        first.Update(generator, 0);
        first.Update(generator, 0);
        using var second = new EmaAverager(0.5, [], 0.9, batchNormBatches: 0);
        using nn.Module<Tensor, Tensor> other = TinyGenerator();
        second.Start(other, TinyGenerator);

        second.Restore(first.State(), first.Snapshot(0));

        Assert.Equal(first.Snapshot(0), second.Snapshot(0));
        foreach ((string name, Tensor tensor) in first.State())
        {
            Assert.True(tensor.equal(second.State()[name]).all().item<bool>(), $"{name} differs after restore");
        }
    }

    [Fact]
    public void NoAverager_PrepareForSampling_ReturnsLiveGeneratorInEvalModeAndHasNoState()
    {
        using var scope = torch.NewDisposeScope();
        using IWeightAverager none = new NoAveragerPlugin().Create(PluginOptions.Empty("none"));
        using nn.Module<Tensor, Tensor> generator = TinyGenerator();
        none.Start(generator, TinyGenerator);
        none.Update(generator, 0);

        Assert.Same(generator, none.PrepareForSampling(generator, () => throw new InvalidOperationException()));
        Assert.False(generator.training);
        Assert.Empty(none.State());
        Assert.Equal(new AveragerSnapshot("none", false, null, null), none.Snapshot(0));
    }

    private static void Close(double expected, double actual) => Golden.Close.Equal(expected, actual);
}
