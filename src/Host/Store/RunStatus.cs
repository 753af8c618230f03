namespace DogGan.Host.Store;

/// <summary>The values of <see cref="RunSummary.Status"/>: plain strings, as they read in SQL.</summary>
internal static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
}
