namespace DogGan.Host.Data;

/// <summary>How batches are drawn; the defaults are the recipe's.</summary>
/// <param name="BatchSize">Images a batch; the last short batch of an epoch is dropped.</param>
/// <param name="FlipProbability">Chance of a horizontal flip per sample.</param>
/// <param name="RotationProbability">Chance of a small rotation per sample.</param>
/// <param name="MaxRotationDegrees">Rotations are uniform within plus or minus this.</param>
internal sealed record SamplerOptions(
    int BatchSize = 32,
    double FlipProbability = 0.5,
    double RotationProbability = 0.3,
    double MaxRotationDegrees = 5.0);
