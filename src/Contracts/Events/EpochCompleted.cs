namespace DogGan.Contracts.Events;

/// <summary>One training epoch's figures, means over its batches.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Batches">Batches trained.</param>
/// <param name="DiscriminatorLoss">Mean D loss.</param>
/// <param name="GeneratorLoss">Mean G loss.</param>
/// <param name="RealScore">Mean D(x): sigmoid of D's logits on real images.</param>
/// <param name="FakeScore">Mean D(G(z)) in the D step.</param>
/// <param name="DiscriminatorLearningRate">D's learning rate at the end of the epoch.</param>
/// <param name="GeneratorLearningRate">G's learning rate at the end of the epoch.</param>
/// <param name="AveragerBeta">The EMA decay in force, if any.</param>
/// <param name="AveragerCount">How many states the average holds, if it counts.</param>
/// <param name="WallSeconds">The epoch's wall time.</param>
/// <param name="ImagesPerSecond">Real images trained per second.</param>
/// <param name="ResidentBytes">The host process's resident memory at the end of the epoch; flat
/// across epochs when nothing leaks.</param>
public sealed record EpochCompleted(
    int Epoch,
    int Batches,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double RealScore,
    double FakeScore,
    double DiscriminatorLearningRate,
    double GeneratorLearningRate,
    double? AveragerBeta,
    long? AveragerCount,
    double WallSeconds,
    double ImagesPerSecond,
    long ResidentBytes);
