namespace DogGan.Host.History;

/// <summary>One JSON path where manifests disagree.</summary>
/// <param name="Path">E.g. <c>$.architecture.options.ch</c>.</param>
/// <param name="Values">Each manifest's value there as compact JSON, null where the key is absent.</param>
internal sealed record ManifestDifference(string Path, IReadOnlyList<string?> Values);
