using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// Writes the competition's submission: N RGB PNGs of 64x64 named 00000.png, 00001.png, ...
/// in one zip, drawn batch by batch so memory stays at one batch of images.
/// </summary>
/// <remarks>
/// The archive is a pure function of the generator, the seed and the batch size: latent
/// vectors come from one generator seeded with the seed, entries are written in name order
/// with a fixed timestamp and stored uncompressed (PNG is compressed already), and the PNG
/// encoder is configured explicitly so no setting depends on a default that may change.
/// </remarks>
internal static class SubmissionWriter
{
    /// <summary>The side of a submitted image.</summary>
    public const int Side = 64;

    /// <summary>The earliest time a zip entry can carry; used for every entry.</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
        FilterMethod = PngFilterMethod.Adaptive,
        InterlaceMethod = PngInterlaceMode.None,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        TransparentColorMode = PngTransparentColorMode.Preserve,
    };

    /// <summary>Writes <paramref name="count"/> images of <paramref name="generate"/> into a zip.</summary>
    /// <param name="zipPath">The archive; written to a temporary file first, then renamed.</param>
    /// <param name="count">Images to write.</param>
    /// <param name="latentSize">The generator's latent length.</param>
    /// <param name="generate">(N, latent, 1, 1) to (N, 3, 64, 64) in [-1, 1].</param>
    /// <param name="seed">Seeds the latent vectors.</param>
    /// <param name="batchSize">Images generated at once.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static void Write(
        string zipPath, int count, int latentSize, Func<Tensor, Tensor> generate, long seed, int batchSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generate);
        string full = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".partial";
        using (var latentGenerator = new Generator((ulong)seed))
        using (FileStream file = File.Create(temporary))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var png = new MemoryStream();
            for (int start = 0; start < count; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(batchSize, count - start);
                byte[] pixels = Batch(generate, latentGenerator, n, latentSize);
                for (int i = 0; i < n; i++)
                {
                    png.SetLength(0);
                    using (Image<Rgb24> image = Image.LoadPixelData<Rgb24>(
                               pixels.AsSpan(i * Side * Side * 3, Side * Side * 3), Side, Side))
                    {
                        image.SaveAsPng(png, Encoder);
                    }

                    ZipArchiveEntry entry = archive.CreateEntry($"{start + i:D5}.png", CompressionLevel.NoCompression);
                    entry.LastWriteTime = EntryTime;
                    using Stream output = entry.Open();
                    output.Write(png.GetBuffer(), 0, (int)png.Length);
                }
            }
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>One batch as uint8 RGB in HWC order, image after image.</summary>
    private static byte[] Batch(Func<Tensor, Tensor> generate, Generator latentGenerator, int n, int latentSize)
    {
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor latent = randn([n, latentSize, 1, 1], generator: latentGenerator);
            Tensor images = generate(latent);
            if (images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != Side || images.shape[3] != Side)
            {
                throw new Contracts.Errors.PluginException(
                    $"the generator gives images of shape [{string.Join(", ", images.shape)}], not [N, 3, 64, 64]; "
                    + "the competition takes 64x64 RGB only");
            }

            Tensor bytes = images.cpu().add(1).mul(127.5).round().clamp(0, 255).to(ScalarType.Byte);
            return bytes.permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();
        }
    }
}
