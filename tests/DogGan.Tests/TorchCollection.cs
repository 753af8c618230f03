namespace DogGan.Tests;

/// <summary>Serialises the tests that touch TorchSharp's process-wide state (seeds, thread counts).</summary>
[CollectionDefinition("torch", DisableParallelization = true)]
public sealed class TorchCollection
{
}
