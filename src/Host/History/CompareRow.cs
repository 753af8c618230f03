namespace DogGan.Host.History;

/// <summary>One row of a compare: what it shows, and each run's value in column order.</summary>
internal sealed record CompareRow(string Label, IReadOnlyList<string> Values);
