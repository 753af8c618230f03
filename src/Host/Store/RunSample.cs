namespace DogGan.Host.Store;

/// <summary>A sample grid in a <see cref="RunSummary"/>.</summary>
/// <param name="Epoch">The epoch it shows.</param>
/// <param name="Path">The PNG, relative to the run folder.</param>
/// <param name="Sha256">Its recorded hash.</param>
internal sealed record RunSample(int Epoch, string Path, string Sha256);
