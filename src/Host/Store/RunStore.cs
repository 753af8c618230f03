using System.Text.RegularExpressions;
using DogGan.Contracts.Errors;
using JasperFx.Events;
using Marten;

namespace DogGan.Host.Store;

/// <summary>The recorded runs: start or reopen one for writing, list them, read one back.</summary>
internal sealed partial class RunStore : IDisposable
{
    private readonly DocumentStore _store;

    internal RunStore(DocumentStore store, string server, string description)
    {
        _store = store;
        Server = server;
        Description = description;
    }

    /// <summary>The server as "host:port/database as user", for messages.</summary>
    public string Server { get; }

    /// <summary>Which store this is and where it came from, for the host's log line.</summary>
    public string Description { get; }

    /// <summary>The Marten store, for queries this class does not offer.</summary>
    public IDocumentStore Documents => _store;

    /// <summary>A recorder for a new run; call <see cref="RunRecorder.StartAsync"/> next.</summary>
    public RunRecorder NewRun() => new(_store, Server);

    /// <summary>A recorder that appends to an existing run after its last saved event.</summary>
    public async Task<RunRecorder> ReopenRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        StreamState? state = await Guarded(async () =>
        {
            await using IQuerySession session = _store.QuerySession();
            return await session.Events.FetchStreamStateAsync(runId, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return state is null
            ? throw new StoreException($"run {runId} is not in the store at {Server}; list runs to see what is")
            : new RunRecorder(_store, Server, runId, state.Version);
    }

    /// <summary>
    /// Takes the exclusive right to train <paramref name="runId"/> (see <see cref="RunLease"/>);
    /// a one-line <see cref="StoreException"/> when another process holds it.
    /// </summary>
    public Task<RunLease> LeaseRunAsync(Guid runId, CancellationToken cancellationToken = default) =>
        RunLease.TakeAsync(_store.Storage.Database.CreateConnection(), runId, Server, cancellationToken);

    /// <summary>A run's events in stream order; empty when there is no such run.</summary>
    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        Guid runId, CancellationToken cancellationToken = default) => Guarded(async () =>
    {
        await using IQuerySession session = _store.QuerySession();
        IReadOnlyList<IEvent> events = await session.Events
            .FetchStreamAsync(runId, token: cancellationToken).ConfigureAwait(false);
        return (IReadOnlyList<RecordedEvent>)events
            .OrderBy(e => e.Version)
            .Select(e => new RecordedEvent(e.Version, e.Timestamp, e.Data))
            .ToList();
    });

    /// <summary>Every run's summary, newest start first.</summary>
    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        Guarded(async () =>
        {
            await using IQuerySession session = _store.QuerySession();
            return await session.Query<RunSummary>()
                .OrderByDescending(r => r.StartedAt)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// The run whose id is <paramref name="idOrPrefix"/> or starts with it (hyphens optional).
    /// Unknown or ambiguous -> <see cref="StoreException"/>.
    /// </summary>
    public async Task<RunSummary> FindRunAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        string prefix = idOrPrefix.Trim().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (!HexPattern().IsMatch(prefix))
        {
            throw new StoreException(
                $"'{idOrPrefix}' is not a run id or the start of one; use hex digits, e.g. 3f2a, or NAME@latest");
        }
        IReadOnlyList<RunSummary> matches = await Guarded(async () =>
        {
            await using IQuerySession session = _store.QuerySession();
            // The prefix is only hex digits (checked above), so it cannot carry LIKE wildcards.
            return await session.QueryAsync<RunSummary>(
                "where replace(d.id::text, '-', '') like ? limit 6",
                cancellationToken,
                prefix + "%").ConfigureAwait(false);
        }).ConfigureAwait(false);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new StoreException($"no run id starts with '{idOrPrefix}'; list runs to see the ids"),
            _ => throw new StoreException(
                $"'{idOrPrefix}' matches {(matches.Count > 5 ? "more than 5" : matches.Count)} runs ("
                + string.Join(", ", matches.OrderByDescending(r => r.StartedAt).Take(5).Select(r => $"{r.Id} {r.Name}"))
                + "); give more of the id"),
        };
    }

    public void Dispose() => _store.Dispose();

    private async Task<T> Guarded<T>(Func<Task<T>> query)
    {
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (Exception e) when (StoreErrors.Translate(e, Server) is { } translated)
        {
            throw translated;
        }
    }

    [GeneratedRegex("^[0-9a-f]{1,32}$")]
    private static partial Regex HexPattern();
}
