using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace DogGan.Host.Training;

/// <summary>
/// Reads a <see cref="Checkpoint"/> file back for sampling: the header, the generator's
/// weights and the averager's tensors. TorchSharp's serialisations carry no lengths, so the
/// discriminator and both optimiser states in between are read into throwaway objects of the
/// run's own architecture; the RNG state at the end is left unread.
/// </summary>
internal static class CheckpointReader
{
    private const int MagicLength = 8;

    /// <summary>Loads the generator's weights into <paramref name="generator"/> and returns the
    /// header and the averager's tensors (the caller disposes them).</summary>
    public static (CheckpointHeader Header, Dictionary<string, torch.Tensor> AveragerState) LoadForSampling(
        string path,
        Module generator,
        Module discriminator,
        OptimizerHelper generatorOptimizer,
        OptimizerHelper discriminatorOptimizer)
    {
        CheckpointHeader header = Checkpoint.ReadHeader(path);
        using FileStream file = File.OpenRead(path);
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        reader.ReadBytes(MagicLength);
        int headerLength = reader.ReadInt32();
        file.Seek(headerLength, SeekOrigin.Current);
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
        }
        catch
        {
            foreach (torch.Tensor tensor in state.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return (header, state);
    }
}
