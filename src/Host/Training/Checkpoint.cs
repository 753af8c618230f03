using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DogGan.Contracts.Plugins;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Training;

/// <summary>What a checkpoint says about itself, stored as JSON at the start of the file.</summary>
internal sealed record CheckpointHeader(
    int FormatVersion,
    Guid RunId,
    int Epoch,
    long Seed,
    string Manifest,
    AveragerSnapshot Averager,
    IReadOnlyList<string> AveragerTensors,
    DateTimeOffset SavedAt);

/// <summary>
/// One file that holds everything a resume needs: generator, discriminator, both Adam states,
/// the averager's tensors and counters, the epoch and torch's RNG state, plus the manifest.
/// Layout: the magic "DOGGANCK", a little-endian int32 header length, the UTF-8 JSON header,
/// then TorchSharp's own serialisations in a fixed order (G, D, G's optimiser, D's
/// optimiser, the averager tensors in header order, the RNG state tensor).
/// </summary>
internal static class Checkpoint
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "DOGGANCK"u8.ToArray();

    /// <summary>Writes atomically (temp file, then rename) and returns the SHA-256 and size.</summary>
    public static (string Sha256, long Bytes) Save(
        string path,
        CheckpointHeader header,
        Module generator,
        Module discriminator,
        OptimizerHelper generatorOptimizer,
        OptimizerHelper discriminatorOptimizer,
        IReadOnlyDictionary<string, torch.Tensor> averagerState)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".partial";
        using (FileStream file = File.Create(temporary))
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
            writer.Write(Magic);
            writer.Write(json.Length);
            writer.Write(json);
            generator.save(writer);
            discriminator.save(writer);
            generatorOptimizer.save_state_dict(writer);
            discriminatorOptimizer.save_state_dict(writer);
            foreach (string name in header.AveragerTensors)
            {
                averagerState[name].Save(writer);
            }

            using torch.Tensor rng = torch.random.get_rng_state();
            rng.Save(writer);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return (Sha256Of(path), new FileInfo(path).Length);
    }

    /// <summary>
    /// Loads everything <see cref="Save"/> wrote into freshly built objects of the same
    /// structure: both networks, both optimisers' states, the averager (which must have been
    /// started) and, for a resume, torch's global RNG state. Returns the header. Sampling from
    /// a checkpoint (generate, export) passes <paramref name="restoreRandomState"/> false: it
    /// draws from generators of its own and must not move the process's global one.
    /// </summary>
    public static CheckpointHeader Restore(
        string path,
        Module generator,
        Module discriminator,
        OptimizerHelper generatorOptimizer,
        OptimizerHelper discriminatorOptimizer,
        IWeightAverager averager,
        bool restoreRandomState = true)
    {
        using FileStream file = File.OpenRead(path);
        using var reader = new BinaryReader(file, Encoding.UTF8);
        CheckpointHeader header = ReadHeader(reader, path);
        if (header.FormatVersion != FormatVersion)
        {
            throw new CheckpointException(
                $"{path}: checkpoint format {header.FormatVersion}, this host reads {FormatVersion}; "
                + "resume it with the host version that wrote it");
        }

        generator.load(reader);
        discriminator.load(reader);
        generatorOptimizer.load_state_dict(reader);
        discriminatorOptimizer.load_state_dict(reader);
        var state = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (string name in header.AveragerTensors)
            {
                state[name] = torch.Tensor.Load(reader);
            }

            averager.Restore(state, header.Averager);
        }
        finally
        {
            foreach (torch.Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }
        }

        if (restoreRandomState)
        {
            using torch.Tensor rng = torch.Tensor.Load(reader);
            torch.random.set_rng_state(rng);
        }

        return header;
    }

    /// <summary>
    /// Throws a one-line <see cref="CheckpointException"/> unless the file at
    /// <paramref name="path"/> exists and hashes to <paramref name="sha256"/>, the value its
    /// checkpoint-saved event recorded.
    /// </summary>
    public static void Verify(string path, string sha256)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException(
                $"checkpoint {path} is missing; put the file back (the run recorded SHA-256 {sha256})");
        }

        string actual = Sha256Of(path);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException(
                $"checkpoint {path} has SHA-256 {actual} but the run recorded {sha256}: the file was changed "
                + "or damaged; restore the recorded file or start a new run");
        }
    }

    /// <summary>Reads only the header, e.g. to list or verify a checkpoint.</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        return ReadHeader(reader, path);
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        byte[] magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a DogGan checkpoint");
        }

        int length = reader.ReadInt32();
        return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadBytes(length))
               ?? throw new InvalidDataException($"{path}: empty checkpoint header");
    }
}
