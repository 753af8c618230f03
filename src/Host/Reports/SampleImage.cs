using DogGan.Contracts.Events;

namespace DogGan.Host.Reports;

/// <summary>One recorded sample grid and what the report did with it.</summary>
/// <param name="Event">The samples-rendered event.</param>
/// <param name="Status">Copied, or why not.</param>
/// <param name="Source">The full path the event points to.</param>
/// <param name="ReportPath">Where the copy is, relative to the report folder with '/'
/// separators; null unless copied.</param>
/// <param name="ActualSha256">The file's SHA-256 when it was found, else null.</param>
internal sealed record SampleImage(
    SamplesRendered Event, SampleStatus Status, string Source, string? ReportPath, string? ActualSha256);
