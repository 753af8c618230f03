using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using JasperFx.Events.Daemon;
using Marten;

namespace DogGan.Host.Store;

/// <summary>What the history commands ask of the store: resolve, filter, annotate, rebuild.</summary>
internal sealed partial class RunStore
{
    private const string LatestSuffix = "@latest";
    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The run <paramref name="reference"/> names: a full id, a unique prefix of one, or
    /// <c>NAME@latest</c> (the newest run of that name). Refuses a run recorded in an event
    /// format this host cannot read.
    /// </summary>
    public async Task<RunSummary> ResolveRunAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        RunSummary run;
        if (reference.EndsWith(LatestSuffix, StringComparison.Ordinal))
        {
            string name = reference[..^LatestSuffix.Length];
            IReadOnlyList<RunSummary> named = await QueryRunsAsync(new RunFilter(Name: name), cancellationToken)
                .ConfigureAwait(false);
            run = named.Count > 0
                ? named[0]
                : throw new StoreException(
                    $"no run is named '{name}' in the store at {Server}; 'host runs' lists the names");
        }
        else
        {
            run = await FindRunAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        CheckFormat(run.Id, run.Name, run.FormatVersion);
        return run;
    }

    /// <summary>The runs <paramref name="filter"/> lets through, newest start first.</summary>
    public Task<IReadOnlyList<RunSummary>> QueryRunsAsync(
        RunFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Guarded(async () =>
        {
            await using IQuerySession session = _store.QuerySession();
            IQueryable<RunSummary> query = session.Query<RunSummary>();
            if (filter.Name is { } name)
            {
                query = query.Where(r => r.Name == name);
            }
            if (filter.Status is { } status)
            {
                query = query.Where(r => r.Status == status);
            }
            if (filter.Since is { } since)
            {
                query = query.Where(r => r.StartedAt >= since);
            }
            if (filter.Tag is { } tag)
            {
                query = query.Where(r => r.Tags.Contains(tag));
            }
            return await query.OrderByDescending(r => r.StartedAt)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Appends one user annotation (a tag or a note) to a run through a reopened recorder, so the
    /// save names the version it expects and fails if another process wrote meanwhile. A run the
    /// store shows as running is refused unless <paramref name="force"/>: its trainer's next save
    /// expects the stream where it left it, so a write in between would make that save, and so
    /// the run, fail.
    /// </summary>
    public async Task AnnotateAsync(
        RunSummary run, object annotation, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(annotation);
        if (annotation is not (RunTagged or RunNoteAdded))
        {
            throw new ArgumentException(
                $"{annotation.GetType().Name} is not an annotation; expected RunTagged or RunNoteAdded",
                nameof(annotation));
        }
        if (run.Status == RunStatus.Running && !force)
        {
            throw new StoreException(
                $"run {run.Id} ({run.Name}) is still running, and a write now would make its next save fail; "
                + "wait until it ends, or pass --force if its process is gone");
        }
        await using RunRecorder recorder = await ReopenRunAsync(run.Id, cancellationToken).ConfigureAwait(false);
        recorder.Append(annotation);
        await recorder.SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rebuilds every run summary from the event streams with Marten's projection daemon (which
    /// tears the documents down and replays all events through the projection); returns how
    /// many summaries there are afterwards.
    /// </summary>
    public Task<int> RebuildSummariesAsync(CancellationToken cancellationToken = default) => Guarded(async () =>
    {
        using IProjectionDaemon daemon = await _store.BuildProjectionDaemonAsync().ConfigureAwait(false);
        await daemon.RebuildProjectionAsync<RunSummary>(RebuildTimeout, cancellationToken).ConfigureAwait(false);
        await using IQuerySession session = _store.QuerySession();
        return await session.Query<RunSummary>().CountAsync(cancellationToken).ConfigureAwait(false);
    });

    /// <summary>Throws when a run was recorded in an event format newer than this host reads.</summary>
    internal static void CheckFormat(Guid runId, string name, int formatVersion)
    {
        if (formatVersion > ExperimentStarted.CurrentFormatVersion)
        {
            throw new StoreException(
                $"run {runId} ({name}) was recorded in event format {formatVersion} but this host reads "
                + $"format {ExperimentStarted.CurrentFormatVersion}; use the newer DogGan host that wrote it");
        }
    }
}
