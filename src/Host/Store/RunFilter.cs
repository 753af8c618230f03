namespace DogGan.Host.Store;

/// <summary>Which runs a listing or a compare takes; null fields let everything through.</summary>
/// <param name="Name">Only runs of this manifest name.</param>
/// <param name="Status">Only runs in this <see cref="RunStatus"/>.</param>
/// <param name="Since">Only runs started at or after this instant.</param>
/// <param name="Tag">Only runs carrying this tag.</param>
internal sealed record RunFilter(
    string? Name = null, string? Status = null, DateTimeOffset? Since = null, string? Tag = null);
