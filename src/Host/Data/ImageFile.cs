using DogGan.Contracts.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace DogGan.Host.Data;

/// <summary>
/// Reads one image file safely: the format from its first bytes (never its extension), the size
/// from its header before any pixel is decoded, and only then the pixels, as RGB. EXIF
/// orientation is not applied: the boxes refer to the stored pixels.
/// </summary>
internal static class ImageFile
{
    // Far above any photo in the data set (the largest Stanford Dogs image is 3264 px a side) and
    // below what would take gigabytes to decode.
    public const int MaxSide = 10_000;
    public const long MaxPixels = 50_000_000;
    public const long MaxFileBytes = 256L << 20;

    private static readonly byte[] PngEnd = [(byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    // Only the two decoders the data may use; each decodes single-threaded because the preparer
    // already decodes several images at once.
    private static readonly Configuration Decoders =
        new(new JpegConfigurationModule(), new PngConfigurationModule()) { MaxDegreeOfParallelism = 1 };

    /// <summary>The version of the decoder and resampler, which the cache key includes.</summary>
    public static string LibraryVersion { get; } = typeof(Image).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Checks format, header and completeness; the skip reason, or null when it may be decoded.</summary>
    public static string? Probe(byte[] bytes, out ImageSize size, out bool isPng)
    {
        size = default;
        isPng = false;
        IImageFormat? format = Image.DetectFormat(Decoders, bytes);
        if (format == null)
        {
            // Name what it is when the library knows it, so a GIF is not reported as garbage.
            return Image.DetectFormat(bytes) == null ? SkipReasons.NotAnImage : SkipReasons.UnsupportedFormat;
        }

        isPng = format is PngFormat;
        IImageInfo? info;
        try
        {
            info = Image.Identify(Decoders, bytes, out _);
        }
        catch (Exception e) when (IsDecoderFailure(e))
        {
            return SkipReasons.CorruptImage;
        }

        if (info == null || info.Width <= 0 || info.Height <= 0)
        {
            return SkipReasons.CorruptImage;
        }

        if (info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
        {
            return SkipReasons.ImageTooLarge;
        }

        size = new ImageSize(info.Width, info.Height);
        return IsComplete(bytes, isPng) ? null : SkipReasons.TruncatedImage;
    }

    /// <summary>Decodes a file that <see cref="Probe"/> accepted; null when its pixel data is corrupt.</summary>
    public static Image<Rgb24>? Decode(byte[] bytes, bool isPng, ImageSize expected)
    {
        try
        {
            Image<Rgb24> image = isPng ? OverBlack(bytes) : Image.Load<Rgb24>(Decoders, bytes);
            if (image.Width != expected.Width || image.Height != expected.Height)
            {
                image.Dispose();
                return null;
            }

            return image;
        }
        catch (Exception e) when (IsDecoderFailure(e))
        {
            return null;
        }
    }

    // A hostile or damaged file can drive a decoder into any exception, not only
    // ImageFormatException; one bad file must not stop a run, so all but memory exhaustion count
    // as a corrupt file.
    private static bool IsDecoderFailure(Exception e) => e is not OutOfMemoryException;

    // ImageSharp fills what is missing from a cut-off file with black and reports nothing, so
    // completeness is checked by hand. A JPEG's entropy-coded data cannot hold FF D9 (the
    // encoder stuffs every FF), so an end marker after the last start-of-scan marker means the
    // last scan was read to its end; an embedded EXIF thumbnail's markers come before both. A
    // PNG must hold its IEND chunk. Files with other data appended after the end still pass; a
    // file that lacks only its end marker is skipped too, the price of not decoding to check.
    private static bool IsComplete(byte[] bytes, bool isPng)
    {
        ReadOnlySpan<byte> data = bytes;
        if (isPng)
        {
            return data.LastIndexOf(PngEnd) >= 0;
        }

        int end = data.LastIndexOf([(byte)0xFF, (byte)0xD9]);
        int scan = data.LastIndexOf([(byte)0xFF, (byte)0xDA]);
        return end > scan && scan >= 0;
    }

    // Transparent PNG pixels keep whatever colour was stored under them; compositing over black
    // makes them the same black that fills the corners of rotated samples.
    private static Image<Rgb24> OverBlack(byte[] bytes)
    {
        using Image<Rgba32> source = Image.Load<Rgba32>(Decoders, bytes);
        var target = new Image<Rgb24>(Decoders, source.Width, source.Height);
        source.ProcessPixelRows(target, (from, to) =>
        {
            for (int y = 0; y < from.Height; y++)
            {
                Span<Rgba32> sourceRow = from.GetRowSpan(y);
                Span<Rgb24> targetRow = to.GetRowSpan(y);
                for (int x = 0; x < sourceRow.Length; x++)
                {
                    Rgba32 p = sourceRow[x];
                    targetRow[x] = new Rgb24(Scale(p.R, p.A), Scale(p.G, p.A), Scale(p.B, p.A));
                }
            }
        });
        return target;
    }

    private static byte Scale(byte value, byte alpha) => (byte)(((value * alpha) + 127) / 255);
}
