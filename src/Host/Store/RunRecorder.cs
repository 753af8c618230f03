using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using JasperFx;
using Marten;
using Marten.Exceptions;

namespace DogGan.Host.Store;

/// <summary>
/// Writes one run's stream: the start at once, then queued events in one transaction per
/// <see cref="SaveAsync"/> (the host saves once per epoch and at the end).
/// </summary>
/// <remarks>
/// Each save names the stream version it expects to find, so if another process appends to
/// the same run the later save fails instead of interleaving. A failed save keeps its events
/// queued: the next save (or dispose) tries them again, and nothing is dropped silently.
/// </remarks>
internal sealed class RunRecorder : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly string _server;
    private readonly List<object> _pending = [];
    private Guid? _runId;

    internal RunRecorder(IDocumentStore store, string server)
    {
        _store = store;
        _server = server;
    }

    internal RunRecorder(IDocumentStore store, string server, Guid runId, long version)
        : this(store, server)
    {
        _runId = runId;
        Version = version;
    }

    /// <summary>The run's stream id; throws before <see cref="StartAsync"/> on a new run.</summary>
    public Guid RunId => _runId ?? throw new InvalidOperationException("the run has not been started");

    /// <summary>The stream version of the last event saved.</summary>
    public long Version { get; private set; }

    /// <summary>Events appended but not saved yet.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Starts the stream with <paramref name="started"/> and saves it immediately.</summary>
    public async Task StartAsync(ExperimentStarted started, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        if (_runId is not null)
        {
            throw new InvalidOperationException($"run {_runId} is already started");
        }
        await using IDocumentSession session = _store.LightweightSession();
        session.Events.StartStream<RunSummary>(started.RunId, started);
        try
        {
            await SaveChangesAsync(session, started.RunId, cancellationToken).ConfigureAwait(false);
        }
        catch (ExistingStreamIdCollisionException e)
        {
            throw new StoreException(
                $"run {started.RunId} is already in the store at {_server}; start a new run with a "
                + "new id, or reopen this one to append to it", e);
        }
        _runId = started.RunId;
        Version = 1;
    }

    /// <summary>Queues an event for the next <see cref="SaveAsync"/>.</summary>
    public void Append(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!EventStoreFactory.EventTypes.Contains(@event.GetType()) || @event is ExperimentStarted)
        {
            throw new ArgumentException(
                $"{@event.GetType().Name} is not a run event; expected one of "
                + string.Join(", ", EventStoreFactory.EventTypes.Skip(1).Select(t => t.Name)),
                nameof(@event));
        }
        if (_runId is null)
        {
            throw new InvalidOperationException("start the run (StartAsync) before appending its events");
        }
        _pending.Add(@event);
    }

    /// <summary>Writes every queued event in one transaction; does nothing when none is queued.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        Guid runId = RunId;
        object[] batch = [.. _pending];
        await using IDocumentSession session = _store.LightweightSession();
        // Marten's expected version is the stream's version once these events are in.
        session.Events.Append(runId, Version + batch.Length, batch);
        await SaveChangesAsync(session, runId, cancellationToken).ConfigureAwait(false);
        _pending.RemoveRange(0, batch.Length);
        Version += batch.Length;
    }

    /// <summary>Saves what is still queued; a failure surfaces here rather than being lost.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending.Count > 0 && _runId is not null)
        {
            await SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SaveChangesAsync(IDocumentSession session, Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConcurrencyError(e) && e is not ExistingStreamIdCollisionException)
        {
            throw new StoreException(
                $"run {runId} was changed by another process (expected it at version {Version}); "
                + "another process is writing this run: stop it, or record under a new run", e);
        }
        catch (Exception e) when (StoreErrors.Translate(e, _server) is { } translated)
        {
            throw translated;
        }
    }

    private static bool IsConcurrencyError(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is ConcurrencyException)
            {
                return true;
            }
        }
        return false;
    }
}
