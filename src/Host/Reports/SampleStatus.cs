namespace DogGan.Host.Reports;

/// <summary>What became of one recorded sample grid when the report was written.</summary>
internal enum SampleStatus
{
    /// <summary>Found, its SHA-256 matches the event, and copied into the report.</summary>
    Copied,

    /// <summary>No file at the recorded path.</summary>
    Missing,

    /// <summary>The file's SHA-256 is not the recorded one: it changed after the run wrote it.</summary>
    Mismatched,

    /// <summary>The recorded path leads outside the run folder, so it was not read.</summary>
    OutsideRunFolder,
}
