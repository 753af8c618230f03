namespace DogGan.Host.History;

/// <summary>One manifest key whose value is not the same in every run compared.</summary>
/// <param name="Path">The key as a JSON path, e.g. <c>$.architecture.options.ch</c>.</param>
/// <param name="Values">Each run's value as compact JSON, in the runs' order; null where the
/// run's manifest does not have the key.</param>
internal sealed record ManifestDifference(string Path, IReadOnlyList<string?> Values);
