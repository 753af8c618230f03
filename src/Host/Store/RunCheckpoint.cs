namespace DogGan.Host.Store;

/// <summary>A checkpoint in a <see cref="RunSummary"/>.</summary>
/// <param name="Epoch">The last epoch it contains.</param>
/// <param name="Path">The file, relative to the run folder.</param>
/// <param name="Sha256">Its recorded hash.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Removed">True once the keep-last policy deleted the file.</param>
internal sealed record RunCheckpoint(int Epoch, string Path, string Sha256, long Bytes, bool Removed);
