using System.Text.Json;
using DogGan.Contracts.Events;
using DogGan.Host.Store;

namespace DogGan.Host.Reports;

/// <summary>What a report shows of one run, read from its event stream.</summary>
/// <param name="Summary">The run's projected summary (status, best losses).</param>
/// <param name="Started">The run's first event.</param>
/// <param name="Epochs">One figure set per epoch, in epoch order.</param>
/// <param name="Samples">Every samples-rendered event, in stream order.</param>
internal sealed record RunHistory(
    RunSummary Summary,
    ExperimentStarted Started,
    IReadOnlyList<EpochCompleted> Epochs,
    IReadOnlyList<SamplesRendered> Samples)
{
    /// <summary>The id's last eight hex digits, to tell runs apart in legends and headings.</summary>
    /// <remarks>Not the first eight: run ids are version-7 Guids, whose leading digits are a
    /// timestamp, so runs started within a minute share them.</remarks>
    public string ShortId => Summary.Id.ToString("N")[^8..];

    /// <summary>The manifest's description, if it has one (user text: escape it).</summary>
    public string? Description
    {
        get
        {
            using JsonDocument manifest = JsonDocument.Parse(Started.Manifest,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return manifest.RootElement.ValueKind == JsonValueKind.Object
                && manifest.RootElement.TryGetProperty("description", out JsonElement text)
                && text.ValueKind == JsonValueKind.String
                    ? text.GetString()
                    : null;
        }
    }

    /// <summary>Mean real images per second over the recorded epochs.</summary>
    public double? ImagesPerSecond => Epochs.Count == 0 ? null : Epochs.Average(e => e.ImagesPerSecond);

    /// <summary>Builds the history from a run's stream; throws when it has no start event.</summary>
    public static RunHistory From(RunSummary summary, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(events);
        ExperimentStarted started = events.Select(e => e.Data).OfType<ExperimentStarted>().FirstOrDefault()
            ?? throw new InvalidOperationException($"run {summary.Id} has no ExperimentStarted event");

        // A resumed run can record an epoch again (it restarts from its checkpoint); the later
        // record is the one the surviving weights went through, so it wins.
        EpochCompleted[] epochs = events.Select(e => e.Data).OfType<EpochCompleted>()
            .GroupBy(e => e.Epoch)
            .Select(g => g.Last())
            .OrderBy(e => e.Epoch)
            .ToArray();
        SamplesRendered[] samples = events.Select(e => e.Data).OfType<SamplesRendered>().ToArray();
        return new RunHistory(summary, started, epochs, samples);
    }
}
