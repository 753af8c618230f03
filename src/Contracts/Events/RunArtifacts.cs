namespace DogGan.Contracts.Events;

/// <summary>The weight average at the end of an epoch.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Averager">The averager's name.</param>
/// <param name="Active">Whether averaging has begun.</param>
/// <param name="Beta">EMA decay, if any.</param>
/// <param name="Count">States averaged, if counted.</param>
/// <param name="ParameterDistance">L2 distance between averaged and live generator parameters.</param>
public sealed record AveragerSnapshotTaken(
    int Epoch, string Averager, bool Active, double? Beta, long? Count, double ParameterDistance);

/// <summary>A grid of samples from the averaged generator on the run's fixed noise.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Path">The PNG, relative to the run folder.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Rows">Grid rows.</param>
/// <param name="Columns">Grid columns.</param>
public sealed record SamplesRendered(int Epoch, string Path, string Sha256, int Rows, int Columns);

/// <summary>A checkpoint written to disk.</summary>
/// <param name="Epoch">The last epoch it contains.</param>
/// <param name="Path">The file, relative to the run folder.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Bytes">File size.</param>
public sealed record CheckpointSaved(int Epoch, string Path, string Sha256, long Bytes);

/// <summary>An older checkpoint deleted under the run's keep-last policy; its event stays as history.</summary>
/// <param name="Epoch">The epoch of the checkpoint removed.</param>
/// <param name="Path">The file removed, relative to the run folder.</param>
public sealed record CheckpointRemoved(int Epoch, string Path);
