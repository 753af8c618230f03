using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using TorchSharp;

namespace DogGan.Host.Data;

/// <summary>
/// Prepared crops on disk, one entry per cache key: <c>&lt;key&gt;.crops</c> (binary, below) and
/// <c>&lt;key&gt;.json</c> (the <see cref="DataSummary"/> of the preparation that wrote it).
/// <para>
/// Binary layout, little-endian: a 32-byte header (8 bytes ASCII <c>DOGCROPS</c>; int32 format
/// version; int32 crop side S; int32 image count M; int32 zero; int64 crop count N), then N crops
/// of 3 x S x S bytes each, channel-major (all R, all G, all B; rows top to bottom), images in
/// ordinal file order and each image's crops in strategy then box order, then M int32 crop
/// counts, one per image. Only images that gave crops are stored.
/// </para>
/// <para>
/// Writing goes to a temporary file renamed into place, the JSON first and the binary last, so
/// an entry whose binary exists is complete; an interrupted preparation leaves no entry. Two
/// processes preparing the same key write the same bytes, and the last rename wins.
/// </para>
/// </summary>
internal static class CropCache
{
    public const int FormatVersion = 1;
    private const int HeaderBytes = 32;
    private static readonly byte[] Magic = "DOGCROPS"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>SHA-256 over the format, the decoder, the request and the folder's files.</summary>
    public static string Key(DataRequest request, DataFolder folder)
    {
        var text = new StringBuilder()
            .Append("doggan-crops ").Append(FormatVersion).Append('\n')
            .Append("imagesharp ").Append(ImageFile.LibraryVersion).Append('\n')
            .Append("limits ").Append(ImageFile.MaxSide).Append(' ').Append(ImageFile.MaxPixels).Append('\n')
            .Append("size ").Append(request.ImageSize).Append('\n')
            .Append("max-images ")
            .Append(request.MaxImages?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all")
            .Append('\n');
        foreach (NamedCropStrategy crop in request.Crops)
        {
            text.Append("crop ").Append(crop.Name).Append(' ').Append(crop.OptionsJson).Append('\n');
        }

        text.Append(folder.Fingerprint());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string BinaryPath(string root, string key) => Path.Combine(root, key + ".crops");

    public static string SummaryPath(string root, string key) => Path.Combine(root, key + ".json");

    /// <summary>The entry for <paramref name="key"/>, or null when there is none or it is damaged.</summary>
    /// <param name="root">The cache folder.</param>
    /// <param name="key">The entry's key.</param>
    /// <param name="size">The crop side the caller expects.</param>
    /// <param name="summary">Turns the stored summary into the one the caller reports.</param>
    /// <param name="ct">Stops a long read.</param>
    public static PreparedData? TryLoad(
        string root, string key, int size, Func<DataSummary, DataSummary> summary, CancellationToken ct)
    {
        string binary = BinaryPath(root, key);
        string summaryPath = SummaryPath(root, key);
        if (!File.Exists(binary) || !File.Exists(summaryPath))
        {
            return null;
        }

        DataSummary? stored;
        try
        {
            stored = JsonSerializer.Deserialize<DataSummary>(File.ReadAllText(summaryPath), Json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (stored == null)
        {
            return null;
        }

        using var stream = new FileStream(binary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.Length < HeaderBytes || stream.ReadAtLeast(header, HeaderBytes, false) < HeaderBytes
            || !header[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != FormatVersion
            || BinaryPrimitives.ReadInt32LittleEndian(header[12..]) != size)
        {
            return null;
        }

        int images = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        long crops = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        long cropBytes = 3L * size * size;
        if (images <= 0 || crops < images || stream.Length != HeaderBytes + (crops * cropBytes) + (4L * images))
        {
            return null;
        }

        var counts = new int[images];
        stream.Position = HeaderBytes + (crops * cropBytes);
        byte[] index = new byte[4L * images];
        stream.ReadExactly(index);
        long total = 0;
        for (int i = 0; i < images; i++)
        {
            counts[i] = BinaryPrimitives.ReadInt32LittleEndian(index.AsSpan(4 * i));
            total += counts[i];
            if (counts[i] <= 0)
            {
                return null;
            }
        }

        if (total != crops)
        {
            return null;
        }

        // Not part of any dispose scope: PreparedData owns it for the whole run.
        torch.Tensor tensor = torch.empty([crops, 3, size, size], torch.uint8).DetachFromDisposeScope();
        try
        {
            stream.Position = HeaderBytes;
            byte[] chunk = new byte[Math.Max(1, (int)Math.Min(crops, 4096)) * cropBytes];
            var accessor = tensor.data<byte>();
            for (long done = 0; done < crops * cropBytes;)
            {
                ct.ThrowIfCancellationRequested();
                int length = (int)Math.Min(chunk.Length, (crops * cropBytes) - done);
                stream.ReadExactly(chunk, 0, length);
                accessor.CopyFrom(chunk.AsSpan(0, length), 0, done);
                done += length;
            }
        }
        catch
        {
            tensor.Dispose();
            throw;
        }

        return new PreparedData(tensor, counts, summary(stored));
    }

    /// <summary>Streams a new entry to temporary files; <see cref="Commit"/> puts it in place.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _root;
        private readonly string _key;
        private readonly string _temporary;
        private readonly FileStream _stream;
        private readonly List<int> _counts = [];
        private readonly int _size;
        private long _crops;
        private bool _committed;

        public Writer(string root, string key, int size)
        {
            _root = root;
            _key = key;
            _size = size;
            try
            {
                Directory.CreateDirectory(root);
                _temporary = Path.Combine(root, $"{key}.crops.{Guid.NewGuid():N}.tmp");
                _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                _stream.Write(new byte[HeaderBytes]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(root, e);
            }
        }

        /// <summary>Appends one image's crops, <paramref name="count"/> of 3 x S x S bytes.</summary>
        public void Add(ReadOnlySpan<byte> crops, int count)
        {
            if (count <= 0 || crops.Length != count * 3 * _size * _size)
            {
                throw new ArgumentException($"expected {count} crops of {3 * _size * _size} bytes", nameof(crops));
            }

            try
            {
                _stream.Write(crops);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(_root, e);
            }

            _counts.Add(count);
            _crops += count;
        }

        public int Images => _counts.Count;

        public void Commit(DataSummary summary)
        {
            Guard(() =>
            {
                byte[] index = new byte[4 * _counts.Count];
                for (int i = 0; i < _counts.Count; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(index.AsSpan(4 * i), _counts[i]);
                }

                _stream.Write(index);
                byte[] header = new byte[HeaderBytes];
                Magic.CopyTo(header, 0);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), _size);
                BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), _counts.Count);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), _crops);
                _stream.Position = 0;
                _stream.Write(header);
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();

                string summaryTemporary = Path.Combine(_root, $"{_key}.json.{Guid.NewGuid():N}.tmp");
                File.WriteAllText(summaryTemporary, JsonSerializer.Serialize(summary, Json));
                File.Move(summaryTemporary, SummaryPath(_root, _key), overwrite: true);
                File.Move(_temporary, BinaryPath(_root, _key), overwrite: true);
            });
            _committed = true;
        }

        public void Dispose()
        {
            _stream.Dispose();
            if (!_committed)
            {
                File.Delete(_temporary);
            }
        }

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(_root, e);
            }
        }

        private static DataException Unwritable(string root, Exception e) =>
            new($"cannot write the crop cache in {root} ({e.Message}); free disk space there or "
                + "point the cache at a writable folder", e);
    }
}
