using DogGan.Contracts.Events;

namespace DogGan.Host.Data;

/// <summary>
/// Counts skipped items by reason with the first few examples. Not thread-safe: the preparer adds
/// per-image results in sorted order from one thread, so the examples are the same every run.
/// </summary>
internal sealed class SkipTally
{
    private const int MaxExamples = 5;

    private readonly Dictionary<string, (int Count, List<string> Examples)> _reasons = new(StringComparer.Ordinal);

    public void Add(string reason, string example)
    {
        if (!_reasons.TryGetValue(reason, out var entry))
        {
            entry = (0, []);
        }

        if (entry.Examples.Count < MaxExamples)
        {
            entry.Examples.Add(example);
        }

        _reasons[reason] = (entry.Count + 1, entry.Examples);
    }

    /// <summary>The counts, most frequent first, then by reason.</summary>
    public IReadOnlyList<SkipCount> ToList() =>
        _reasons
            .OrderByDescending(r => r.Value.Count)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new SkipCount(r.Key, r.Value.Count, r.Value.Examples.ToArray()))
            .ToArray();
}
