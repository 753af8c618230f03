using System.Text;

namespace DogGan.Tests.Resume;

/// <summary>The resume tests' tiny recipe and the part of a checkpoint that two runs share.</summary>
internal static class ResumeRuns
{
    /// <summary>
    /// A tiny recipe with an EMA bump at epoch 2 (so that the averager's state matters) and a
    /// cheap BN re-estimation of 4 batches; 4x4 sample grids.
    /// </summary>
    public static TinyManifest Manifest(string name, int epochs, int samplesEvery = 1, int threads = 2) =>
        new(name, epochs)
        {
            Threads = threads,
            AveragerOptions = """{ "bumpEpochs": [2], "bnBatches": 4 }""",
            SamplesEvery = samplesEvery,
            SampleGrid = 4,
        };

    /// <summary>
    /// A checkpoint without its JSON header: the TorchSharp serialisations of G, D, both Adam
    /// states, the averager's tensors and the RNG state. The header differs between two runs
    /// by their run id, save time and manifest text, nothing a resume depends on.
    /// </summary>
    public static byte[] CheckpointBody(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("DOGGANCK", Encoding.ASCII.GetString(bytes, 0, 8));
        int headerLength = BitConverter.ToInt32(bytes, 8);
        return bytes[(12 + headerLength)..];
    }
}
