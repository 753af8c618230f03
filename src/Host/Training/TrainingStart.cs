namespace DogGan.Host.Training;

/// <summary>
/// Where a training loop begins: from fresh networks at epoch 1, or from the checkpoint of
/// epoch <see cref="FromEpoch"/>, whose state (networks, optimisers, averager, RNG) is loaded
/// before the first step. The loop is the same either way.
/// </summary>
/// <param name="FromEpoch">The last epoch already trained (0 for a fresh run).</param>
/// <param name="CheckpointPath">The checkpoint to load, relative to the run folder; null for a fresh run.</param>
/// <param name="Checkpoints">The run's checkpoints still on disk, oldest first (relative paths), so
/// that the keep-last policy goes on counting them.</param>
internal sealed record TrainingStart(
    int FromEpoch, string? CheckpointPath, IReadOnlyList<(int Epoch, string Path)> Checkpoints)
{
    public static readonly TrainingStart Fresh = new(0, null, []);
}
