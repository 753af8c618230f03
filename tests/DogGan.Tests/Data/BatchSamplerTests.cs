using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using DogGan.Host.Data;
using TorchSharp;

namespace DogGan.Tests.Data;

/// <summary>
/// The sampler on small synthetic data whose pixels say where they came from: every crop's left
/// half is 255 and its right half 0, so a flip and a rotation are visible in the batch.
/// </summary>
public sealed class BatchSamplerTests
{
    private const int Size = 64;

    [Fact]
    public void Batches_RecipeOptions_FullBatchesOfScaledFloatPixels()
    {
        using PreparedData data = Synthetic(images: 70);
        var sampler = new BatchSampler(data, new SamplerOptions(), seed: 7);

        var batches = sampler.Batches(0).ToList();
        try
        {
            Assert.Equal(2, sampler.BatchesPerEpoch);
            Assert.Equal(sampler.BatchesPerEpoch, batches.Count);
            foreach (torch.Tensor batch in batches)
            {
                Assert.Equal([32L, 3L, Size, Size], batch.shape);
                Assert.Equal(torch.float32, batch.dtype);
                Assert.True(batch.min().item<float>() >= -1f);
                Assert.True(batch.max().item<float>() <= 1f);
            }
        }
        finally
        {
            batches.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public void Plan_OneEpoch_EachImageAtMostOnceWithOneOfItsOwnCrops()
    {
        using PreparedData data = Synthetic(images: 70);
        var sampler = new BatchSampler(data, new SamplerOptions(), seed: 7);

        SampleDraw[] plan = sampler.Plan(3);

        Assert.Equal(64, plan.Length);
        Assert.Equal(plan.Length, plan.Select(d => d.Image).Distinct().Count());
        Assert.All(plan, d => Assert.InRange(
            d.Crop, data.CropStart[d.Image], data.CropStart[d.Image] + data.CropCount[d.Image] - 1));
        Assert.All(plan, d => Assert.InRange(d.Degrees, -5.0, 5.0));
    }

    [Fact]
    public void Batches_SameSeedAndEpoch_IdenticalBatches()
    {
        using PreparedData data = Synthetic(images: 70);

        using var scope = torch.NewDisposeScope();
        var first = new BatchSampler(data, new SamplerOptions(), seed: 11).Batches(5).ToList();
        var again = new BatchSampler(data, new SamplerOptions(), seed: 11).Batches(5).ToList();

        Assert.Equal(first.Count, again.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.True(DataPreparerRealJpegTests.Same(first[i], again[i]), $"batch {i} differs");
        }
    }

    [Fact]
    public void Plan_OtherEpochOrSeed_OtherOrder()
    {
        using PreparedData data = Synthetic(images: 70);
        var sampler = new BatchSampler(data, new SamplerOptions(), seed: 11);

        int[] epoch5 = sampler.Plan(5).Select(d => d.Image).ToArray();
        int[] epoch6 = sampler.Plan(6).Select(d => d.Image).ToArray();
        int[] otherSeed = new BatchSampler(data, new SamplerOptions(), seed: 12).Plan(5).Select(d => d.Image).ToArray();

        Assert.Equal(epoch5, sampler.Plan(5).Select(d => d.Image));
        Assert.NotEqual(epoch5, epoch6);
        Assert.NotEqual(epoch5, otherSeed);
    }

    [Fact]
    public void Plan_ManyEpochs_FlipAndRotationRatesNearTheirProbabilities()
    {
        using PreparedData data = Synthetic(images: 64);
        var sampler = new BatchSampler(data, new SamplerOptions(), seed: 3);

        SampleDraw[] draws = Enumerable.Range(0, 50).SelectMany(sampler.Plan).ToArray();

        // 3,200 draws: the standard error of a rate is under 0.01, so 0.05 is a loose bound.
        Assert.InRange(draws.Count(d => d.Flip) / (double)draws.Length, 0.45, 0.55);
        Assert.InRange(draws.Count(d => d.Degrees != 0) / (double)draws.Length, 0.25, 0.35);
        Assert.InRange(draws.Where(d => d.Degrees != 0).Average(d => Math.Abs(d.Degrees)), 2.0, 3.0);

        // Each image's three crops are drawn about equally often.
        int[] cropOfImage = draws.Select(d => d.Crop - data.CropStart[d.Image]).ToArray();
        for (int k = 0; k < 3; k++)
        {
            Assert.InRange(cropOfImage.Count(c => c == k) / (double)draws.Length, 0.28, 0.39);
        }
    }

    [Fact]
    public void Batches_AlwaysFlipNeverRotate_LeftAndRightHalvesSwap()
    {
        using PreparedData data = Synthetic(images: 32);
        using var scope = torch.NewDisposeScope();

        torch.Tensor plain = new BatchSampler(data, new SamplerOptions(FlipProbability: 0, RotationProbability: 0), 1)
            .Batches(0).Single();
        torch.Tensor flipped = new BatchSampler(data, new SamplerOptions(FlipProbability: 1, RotationProbability: 0), 1)
            .Batches(0).Single();

        Assert.Equal(1f, plain[.., .., .., ..(Size / 2)].min().item<float>());
        Assert.Equal(-1f, plain[.., .., .., (Size / 2)..].max().item<float>());
        Assert.Equal(-1f, flipped[.., .., .., ..(Size / 2)].max().item<float>());
        Assert.Equal(1f, flipped[.., .., .., (Size / 2)..].min().item<float>());
    }

    [Fact]
    public void Batches_AlwaysRotate_CornersTurnBlackAndTheCentreStays()
    {
        using PreparedData data = Synthetic(images: 32, white: true);
        var sampler = new BatchSampler(data, new SamplerOptions(FlipProbability: 0, RotationProbability: 1), 9);
        using var scope = torch.NewDisposeScope();

        SampleDraw[] plan = sampler.Plan(0);
        torch.Tensor batch = sampler.Batches(0).Single();

        for (int i = 0; i < plan.Length; i++)
        {
            Assert.True(batch[i, .., Size / 2, Size / 2].min().item<float>() > 0.99f, $"sample {i} centre");
            float corners = new[] { (0, 0), (0, Size - 1), (Size - 1, 0), (Size - 1, Size - 1) }
                .Min(c => batch[i, 0, c.Item1, c.Item2].item<float>());
            if (Math.Abs(plan[i].Degrees) >= 2)
            {
                Assert.True(
                    corners < 0.9f, $"sample {i} rotated {plan[i].Degrees:F2} degrees keeps its corners at {corners}");
            }
        }
    }

    [Fact]
    public void Constructor_FewerImagesThanABatch_DataExceptionSaysWhatToDo()
    {
        using PreparedData data = Synthetic(images: 10);

        var error = Assert.Throws<DataException>(() => new BatchSampler(data, new SamplerOptions(), 1));

        Assert.Contains("10 usable images", error.Message, StringComparison.Ordinal);
        Assert.Contains("batch", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Images with three crops each; a crop is 255 on its left half and 0 on its right (or 255
    /// everywhere when <paramref name="white"/>).
    /// </summary>
    private static PreparedData Synthetic(int images, bool white = false)
    {
        const int crops = 3;
        byte[] pixels = new byte[images * crops * 3 * Size * Size];
        for (int i = 0; i < pixels.Length; i++)
        {
            int x = i % Size;
            pixels[i] = white || x < Size / 2 ? (byte)255 : (byte)0;
        }

        torch.Tensor tensor = torch.tensor(pixels, [images * crops, 3, Size, Size]).DetachFromDisposeScope();
        var summary = new DataSummary("synthetic", images, images, images, images, images * crops, [], "none", false);
        return new PreparedData(tensor, Enumerable.Repeat(crops, images).ToArray(), summary);
    }
}
