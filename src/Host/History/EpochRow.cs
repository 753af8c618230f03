using DogGan.Contracts.Events;

namespace DogGan.Host.History;

/// <summary>One recorded epoch and whether its save also held a checkpoint and a sample grid.</summary>
internal sealed record EpochRow(EpochCompleted Stats, bool Checkpoint, bool Samples);
