namespace DogGan.Host.Store;

/// <summary>One event of a run's stream as stored.</summary>
/// <param name="Version">Its position in the stream, from 1.</param>
/// <param name="Timestamp">When the store recorded it.</param>
/// <param name="Data">The event record, e.g. an <c>EpochCompleted</c>.</param>
internal sealed record RecordedEvent(long Version, DateTimeOffset Timestamp, object Data);
