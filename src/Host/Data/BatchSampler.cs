using DogGan.Contracts.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Host.Data;

/// <summary>
/// Draws the recipe's training batches: an epoch is one pass over the images (not the crops) in a
/// fresh order, the last short batch dropped; each sample is one of its image's crops chosen
/// uniformly, flipped left to right with p = 0.5 and, with p = 0.3, rotated within +-5 degrees
/// (the corners filled black), scaled to [-1, 1].
/// <para>
/// Every random choice of epoch e comes from a System.Random seeded with a mix of the run's seed
/// and e, drawn before the epoch's first batch, and nothing else: a run resumed at epoch e sees
/// the same batches as one that never stopped, whatever torch's global generator did meanwhile.
/// </para>
/// </summary>
internal sealed class BatchSampler
{
    private readonly PreparedData _data;
    private readonly SamplerOptions _options;
    private readonly long _seed;

    public BatchSampler(PreparedData data, SamplerOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        }

        if (options.FlipProbability is < 0 or > 1 || options.RotationProbability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "probabilities must be in [0, 1]");
        }

        if (options.MaxRotationDegrees is < 0 or > 180)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxRotationDegrees, "MaxRotationDegrees must be 0 to 180");
        }

        if (data.ImageCount < options.BatchSize)
        {
            throw new DataException(
                $"{data.Summary.Folder} gave {data.ImageCount} usable images, fewer than one batch of "
                + $"{options.BatchSize}; add images, raise maxImages or lower the batch size");
        }

        _data = data;
        _options = options;
        _seed = seed;
    }

    /// <summary>Full batches in an epoch: images / batch size, rounded down.</summary>
    public int BatchesPerEpoch => _data.ImageCount / _options.BatchSize;

    /// <summary>
    /// The epoch's batches, float32 B x 3 x S x S in [-1, 1], on the CPU. Each batch is built in
    /// its own dispose scope and handed out of it: it joins the dispose scope that is open in the
    /// caller when the enumerator advances (the training loop's per-batch scope), or, with none
    /// open, belongs to the caller to dispose.
    /// </summary>
    /// <param name="epochIndex">Zero-based epoch; the same index always gives the same batches.</param>
    public IEnumerable<Tensor> Batches(int epochIndex)
    {
        SampleDraw[] draws = Plan(epochIndex);
        for (int batch = 0; batch < BatchesPerEpoch; batch++)
        {
            yield return Build(draws.AsSpan(batch * _options.BatchSize, _options.BatchSize));
        }
    }

    /// <summary>Every sample of the epoch in order, BatchesPerEpoch x BatchSize of them.</summary>
    public SampleDraw[] Plan(int epochIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochIndex);
        var random = new Random(EpochSeed(_seed, epochIndex));

        // Fisher-Yates by hand rather than Random.Shuffle, whose draw pattern no document fixes.
        int[] order = Enumerable.Range(0, _data.ImageCount).ToArray();
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        // Four draws a sample whatever the probabilities, so that changing one option does not
        // shift the stream the other choices read.
        var draws = new SampleDraw[BatchesPerEpoch * _options.BatchSize];
        for (int i = 0; i < draws.Length; i++)
        {
            int image = order[i];
            int crop = _data.CropStart[image] + random.Next(_data.CropCount[image]);
            bool flip = random.NextDouble() < _options.FlipProbability;
            bool rotate = random.NextDouble() < _options.RotationProbability;
            double degrees = ((2 * random.NextDouble()) - 1) * _options.MaxRotationDegrees;
            draws[i] = new SampleDraw(image, crop, flip, rotate ? degrees : 0);
        }

        return draws;
    }

    /// <summary>
    /// A 31-bit seed from the run's seed and the epoch, through SplitMix64's finaliser so that
    /// neighbouring epochs and seeds give unrelated streams. System.Random(int) is the classic
    /// subtractive generator, documented to stay the same across .NET versions.
    /// </summary>
    internal static int EpochSeed(long seed, int epochIndex)
    {
        ulong mixed = Mix(Mix(unchecked((ulong)seed)) ^ (ulong)epochIndex);
        return (int)(mixed >> 33);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private Tensor Build(ReadOnlySpan<SampleDraw> draws)
    {
        using var scope = NewDisposeScope();
        long[] rows = new long[draws.Length];
        bool[] flips = new bool[draws.Length];
        var rotated = new List<long>();
        var angles = new List<double>();
        for (int i = 0; i < draws.Length; i++)
        {
            rows[i] = draws[i].Crop;
            flips[i] = draws[i].Flip;
            if (draws[i].Degrees != 0)
            {
                rotated.Add(i);
                angles.Add(draws[i].Degrees);
            }
        }

        Tensor batch = _data.Crops.index_select(0, tensor(rows)).to_type(float32);
        if (flips.Any(f => f))
        {
            Tensor mask = tensor(flips).view(draws.Length, 1, 1, 1);
            batch = where(mask, batch.flip(3), batch);
        }

        if (rotated.Count > 0)
        {
            Tensor which = tensor(rotated.ToArray());
            batch.index_copy_(0, which, Rotate(batch.index_select(0, which), angles));
        }

        // Black fill (0) was applied above, before scaling: it becomes -1 here. The clamp removes
        // the float rounding of bilinear weights (255.00002), so the bounds hold exactly.
        return batch.div_(127.5).sub_(1.0).clamp_(-1.0, 1.0).MoveToOuterDisposeScope();
    }

    // Bilinear resampling on a rotated grid; points that fall outside the crop read 0 (black).
    private static Tensor Rotate(Tensor images, List<double> degrees)
    {
        float[] theta = new float[degrees.Count * 6];
        for (int i = 0; i < degrees.Count; i++)
        {
            double radians = degrees[i] * Math.PI / 180;
            float cos = (float)Math.Cos(radians);
            float sin = (float)Math.Sin(radians);
            theta[(6 * i) + 0] = cos;
            theta[(6 * i) + 1] = -sin;
            theta[(6 * i) + 3] = sin;
            theta[(6 * i) + 4] = cos;
        }

        Tensor affine = tensor(theta).view(degrees.Count, 2, 3);
        Tensor grid = nn.functional.affine_grid(affine, images.shape, align_corners: false);
        return nn.functional.grid_sample(
            images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
    }
}
