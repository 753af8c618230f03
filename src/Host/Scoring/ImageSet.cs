using System.IO.Compression;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Imaging;
using DogGan.Host.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// The images to score: a folder or a zip of 64x64 PNGs, as the competition takes them. Every
/// file is checked (format from its bytes, size from its header) before any is decoded, so a
/// bad file fails at once with its name rather than after minutes of feature extraction.
/// </summary>
internal sealed class ImageSet
{
    private readonly string? _zipPath;
    private readonly IReadOnlyList<string> _names;

    private ImageSet(string source, string? zipPath, IReadOnlyList<string> names)
    {
        Source = source;
        _zipPath = zipPath;
        _names = names;
    }

    public string Source { get; }

    public int Count => _names.Count;

    /// <summary>Lists and checks every file of a folder (not recursive) or a zip, in ordinal name order.</summary>
    /// <exception cref="DataException">Missing, empty, or a file that is not a 64x64 PNG.</exception>
    public static ImageSet Open(string path)
    {
        string full = Path.GetFullPath(path);
        ImageSet set;
        if (Directory.Exists(full))
        {
            set = new ImageSet(full, null,
                Directory.EnumerateFiles(full).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!);
        }
        else if (File.Exists(full))
        {
            set = new ImageSet(full, full, ZipNames(full));
        }
        else
        {
            throw new DataException($"{path}: no such folder or zip; give a folder or a .zip of 64x64 PNGs");
        }

        if (set.Count == 0)
        {
            throw new DataException($"{path}: holds no images; give a folder or a .zip of 64x64 PNGs");
        }

        foreach ((string name, byte[] bytes) in set.Files())
        {
            Check(Path.Combine(path, name), bytes);
        }

        return set;
    }

    /// <summary>The images in batches, (n, 3, 64, 64) float32 in [-1, 1]; the caller disposes each.</summary>
    public IEnumerable<Tensor> Batches(int batchSize)
    {
        var size = new ImageSize(SubmissionWriter.Side, SubmissionWriter.Side);
        const int pixelsPerImage = SubmissionWriter.Side * SubmissionWriter.Side * 3;
        using IEnumerator<(string Name, byte[] Bytes)> files = Files().GetEnumerator();
        for (int start = 0; start < _names.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, _names.Count - start);
            byte[] pixels = new byte[n * pixelsPerImage];
            for (int i = 0; i < n && files.MoveNext(); i++)
            {
                (string name, byte[] bytes) = files.Current;
                using Image<Rgb24> image = ImageFile.Decode(bytes, isPng: true, size)
                    ?? throw new DataException(
                        $"{Path.Combine(Source, name)}: corrupt PNG pixel data; replace the file");
                image.CopyPixelDataTo(pixels.AsSpan(i * pixelsPerImage, pixelsPerImage));
            }

            yield return Scaled(pixels, n);
        }
    }

    // Not inside the iterator: a dispose scope open across a yield would wrap the caller's work.
    private static Tensor Scaled(byte[] pixels, int n)
    {
        using (NewDisposeScope())
        {
            Tensor hwc = tensor(pixels, [n, SubmissionWriter.Side, SubmissionWriter.Side, 3]);
            return hwc.permute(0, 3, 1, 2).to(float32).div(127.5).sub(1).DetachFromDisposeScope();
        }
    }

    // One pass in name order with the archive open once: a zip's entries are read as a stream.
    private IEnumerable<(string Name, byte[] Bytes)> Files()
    {
        if (_zipPath is null)
        {
            foreach (string name in _names)
            {
                yield return (name, File.ReadAllBytes(Path.Combine(Source, name)));
            }

            yield break;
        }

        using ZipArchive archive = ZipFile.OpenRead(_zipPath);
        foreach (string name in _names)
        {
            using Stream stream = archive.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (name, copy.ToArray());
        }
    }

    private static void Check(string name, byte[] bytes)
    {
        string? problem = ImageFile.Probe(bytes, out ImageSize size, out bool isPng);
        if (problem is not null)
        {
            throw new DataException($"{name}: {problem}; the submission format is 64x64 RGB PNGs");
        }

        if (!isPng)
        {
            throw new DataException($"{name}: not a PNG; the submission format is 64x64 RGB PNGs");
        }

        if (size.Width != SubmissionWriter.Side || size.Height != SubmissionWriter.Side)
        {
            throw new DataException(
                $"{name}: {size.Width}x{size.Height}, not 64x64; the submission format is 64x64 RGB PNGs");
        }
    }

    private static List<string> ZipNames(string zipPath)
    {
        try
        {
            using ZipArchive archive = ZipFile.OpenRead(zipPath);
            return archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName)
                .Order(StringComparer.Ordinal).ToList();
        }
        catch (InvalidDataException)
        {
            throw new DataException($"{zipPath}: not a folder and not a zip; give a folder or a .zip of 64x64 PNGs");
        }
    }
}
