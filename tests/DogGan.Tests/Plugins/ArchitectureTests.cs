using DogGan.Contracts.Plugins;
using DogGan.Plugins.Architectures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DogGan.Tests.Plugins;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class ArchitectureTests
{
    private static IGanArchitecture Tiny(bool splitBatchNorm) => new DcganArchitecture(2, 8, splitBatchNorm);

    private static Tensor Images(long batch, int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        return torch.randn([batch, 3, 64, 64], float64, generator: generator);
    }

    private static void CopyState(nn.Module from, nn.Module to, Func<string, string> rename)
    {
        var source = from.state_dict();
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor tensor) in to.state_dict())
        {
            tensor.copy_(source[rename(name)]);
        }
    }

    [Fact]
    public void DcganDiscriminator_TwoGroups_EqualsTwoSeparatePassesOverTheHalves()
    {
        using var scope = torch.NewDisposeScope();
        using var together = Tiny(true).CreateDiscriminator().to(float64);
        using var apart = Tiny(true).CreateDiscriminator().to(float64);
        CopyState(together, apart, n => n);
        Tensor reals = Images(4, 1);
        Tensor fakes = Images(4, 2) * 0.5 + 0.3;

        Tensor joint = together.call(torch.cat([reals, fakes], 0), 2);
        Tensor separate = torch.cat([apart.call(reals, 1), apart.call(fakes, 1)], 0);

        Assert.True(torch.allclose(joint, separate, rtol: 1e-12, atol: 1e-12), "outputs differ");
        foreach (((string name, Tensor a), (_, Tensor b)) in together.named_buffers().Zip(apart.named_buffers()))
        {
            bool same = a.dtype == int64 ? a.equal(b).all().item<bool>() : a.allclose(b, 1e-12, 1e-12);
            Assert.True(same, $"buffer {name} differs");
        }

        Assert.Contains(together.modules(), m => m is SplitBatchNorm2d);
    }

    [Fact]
    public void DcganDiscriminator_WithoutSplitBatchNorm_MatchesOrdinaryBatchNormNetworkOnTheWholeBatch()
    {
        using var scope = torch.NewDisposeScope();
        using var plugin = Tiny(false).CreateDiscriminator().to(float64);
        const int c = 2;
        using var reference = nn.Sequential(
            nn.Conv2d(3, c * 2, 4, 2, 1, bias: false), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 2, c * 4, 4, 2, 1, bias: false), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 4, c * 4, 3, 1, 1, bias: false), nn.BatchNorm2d(c * 4), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 4, c * 8, 4, 2, 1, bias: false), nn.BatchNorm2d(c * 8), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 8, c * 8, 3, 1, 1, bias: false), nn.BatchNorm2d(c * 8), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 8, c * 16, 4, 2, 1, bias: false), nn.BatchNorm2d(c * 16), nn.LeakyReLU(0.2),
            nn.Conv2d(c * 16, 1, 4, 1, 0, bias: true)).to(float64);
        Assert.Equal(reference.state_dict().Keys.Select(k => "main." + k), plugin.state_dict().Keys);
        CopyState(plugin, reference, n => "main." + n);
        Tensor batch = torch.cat([Images(3, 3), Images(3, 4) - 1], 0);

        Tensor expected = reference.call(batch);
        Tensor actual = plugin.call(batch, 2);

        Assert.True(torch.allclose(expected, actual, rtol: 1e-12, atol: 1e-12), "outputs differ");
        Assert.DoesNotContain(plugin.modules(), m => m is SplitBatchNorm2d);
    }

    [Theory]
    [InlineData("dcgan")]
    [InlineData("dcgan-classic")]
    public void CreateGenerator_CalledTwice_GivesFreshTwinsWithIdenticalNames(string name)
    {
        IGanArchitecture architecture = name == "dcgan"
            ? new DcganArchitecture(2, 8, splitBatchNorm: true)
            : new ClassicDcganArchitecture(4, 8);
        using var scope = torch.NewDisposeScope();
        using nn.Module<Tensor, Tensor> first = architecture.CreateGenerator();
        using nn.Module<Tensor, Tensor> second = architecture.CreateGenerator();

        Assert.Equal(first.state_dict().Keys, second.state_dict().Keys);
        Assert.Contains(first.state_dict().Keys, k => k.EndsWith("running_var", StringComparison.Ordinal));
        Assert.False(first.parameters().First().equal(second.parameters().First()).all().item<bool>(),
            "the twin shares or repeats the first net's initial weights");
    }

    [Fact]
    public void ClassicDcgan_SmallWidth_MapsLatentsToImagesAndImagesToOneLogitIgnoringGroups()
    {
        var architecture = (ClassicDcganArchitecture)new ClassicDcganArchitecturePlugin().Create(
            DefaultOptions.For<ClassicDcganArchitecturePlugin>(("ch", "4")));
        using var scope = torch.NewDisposeScope();
        using nn.Module<Tensor, Tensor> generator = architecture.CreateGenerator();
        using nn.Module<Tensor, int, Tensor> discriminator = architecture.CreateDiscriminator();
        Tensor images = generator.call(torch.randn(4, architecture.LatentSize, 1, 1));

        Assert.Equal(100, architecture.LatentSize);
        Assert.Equal(new long[] { 4, 3, 64, 64 }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f, "tanh output leaves [-1, 1]");
        Tensor one = discriminator.call(images, 1);
        Tensor two = discriminator.call(images, 2);
        Assert.Equal(new long[] { 4, 1, 1, 1 }, one.shape);
        Assert.True(torch.allclose(one, two), "dcgan-classic must ignore the group count");
        Assert.DoesNotContain(discriminator.modules(), m => m is SplitBatchNorm2d);
        Assert.Equal(3, discriminator.modules().Count(m => m is BatchNorm2d));
    }
}
