using DogGan.Contracts.Events;
using TorchSharp;

namespace DogGan.Host.Data;

/// <summary>
/// The crops of a data folder, ready for sampling: every crop of every usable image in one
/// uint8 tensor, images in ordinal file order, each image's crops contiguous.
/// </summary>
internal sealed class PreparedData : IDisposable
{
    private readonly int[] _cropStart;
    private readonly int[] _cropCount;

    /// <param name="crops">N x 3 x S x S uint8, owned from here on (not in any dispose scope).</param>
    /// <param name="cropCount">Crops per image, each at least 1, summing to N.</param>
    /// <param name="summary">What the folder gave.</param>
    public PreparedData(torch.Tensor crops, IReadOnlyList<int> cropCount, DataSummary summary)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(cropCount);
        if (crops.dtype != torch.uint8 || crops.dim() != 4 || crops.shape[1] != 3 || crops.shape[2] != crops.shape[3])
        {
            throw new ArgumentException(
                $"crops must be uint8 N x 3 x S x S, not {crops.dtype} [{string.Join(", ", crops.shape)}]",
                nameof(crops));
        }

        _cropCount = cropCount.ToArray();
        _cropStart = new int[_cropCount.Length];
        long next = 0;
        for (int i = 0; i < _cropCount.Length; i++)
        {
            if (_cropCount[i] <= 0)
            {
                throw new ArgumentException(
                    $"image {i} has {_cropCount[i]} crops; every image needs one", nameof(cropCount));
            }

            _cropStart[i] = checked((int)next);
            next += _cropCount[i];
        }

        if (next != crops.shape[0])
        {
            throw new ArgumentException(
                $"the counts add up to {next} crops but the tensor has {crops.shape[0]}", nameof(cropCount));
        }

        Crops = crops;
        Summary = summary;
    }

    /// <summary>N x 3 x S x S uint8 RGB, channel-major.</summary>
    public torch.Tensor Crops { get; }

    /// <summary>The side S of the square crops.</summary>
    public int CropSize => (int)Crops.shape[2];

    /// <summary>Images that gave at least one crop.</summary>
    public int ImageCount => _cropCount.Length;

    /// <summary>Total crops.</summary>
    public int CropTotal => (int)Crops.shape[0];

    /// <summary>Index of each image's first crop in <see cref="Crops"/>.</summary>
    public IReadOnlyList<int> CropStart => _cropStart;

    /// <summary>How many crops each image has.</summary>
    public IReadOnlyList<int> CropCount => _cropCount;

    public DataSummary Summary { get; }

    public void Dispose() => Crops.Dispose();
}
