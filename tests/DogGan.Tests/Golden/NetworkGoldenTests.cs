using System.Text.Json;
using DogGan.Plugins.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Tests.Golden;

// Building modules draws their initial weights from torch's global generator: serialised
// with the tests that seed it.
[Collection("torch")]
public sealed class NetworkGoldenTests
{
    [Fact]
    public void Dcgan_EveryReferenceSize_HasReferenceParameterCountsAndOutputShapes()
    {
        using JsonDocument golden = ReferenceFiles.Load("networks.json");
        JsonElement[] cases = golden.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.NotEmpty(cases);
        foreach (JsonElement item in cases)
        {
            int nz = item.GetProperty("nz").GetInt32();
            int ch = item.GetProperty("ch").GetInt32();
            string what = $"nz {nz}, ch {ch}";
            var architecture = new DcganArchitecture(ch, nz, splitBatchNorm: true);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            using nn.Module<Tensor, Tensor> generator = architecture.CreateGenerator();
            using nn.Module<Tensor, int, Tensor> discriminator = architecture.CreateDiscriminator();

            long g = item.GetProperty("generatorParameters").GetInt64();
            long d = item.GetProperty("discriminatorParameters").GetInt64();
            Assert.True(g == Count(generator), $"{what}: G has {Count(generator)} parameters, expected {g}");
            Assert.True(d == Count(discriminator), $"{what}: D has {Count(discriminator)} parameters, expected {d}");

            // The reference runs both nets as built: training mode, the batch as one group.
            Tensor image = generator.call(torch.zeros(2, nz, 1, 1));
            Tensor logit = discriminator.call(image, 1);
            Assert.Equal(item.GetProperty("generatorOutputShape").Longs(), image.shape);
            Assert.Equal(item.GetProperty("discriminatorOutputShape").Longs(), logit.shape);
        }
    }

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());
}
