using System.Text.Json.Serialization;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Events;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace DogGan.Host.Store;

/// <summary>Builds the Marten store the host records runs into.</summary>
internal static class EventStoreFactory
{
    /// <summary>Every event a run stream may hold; the recorder refuses anything else.</summary>
    internal static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(ExperimentStarted),
        typeof(EpochCompleted),
        typeof(AveragerSnapshotTaken),
        typeof(SamplesRendered),
        typeof(CheckpointSaved),
        typeof(CheckpointRemoved),
        typeof(ExperimentCompleted),
        typeof(ExperimentFailed),
        typeof(ExperimentInterrupted),
        typeof(RunTagged),
        typeof(RunNoteAdded),
        typeof(ExperimentResumed),
        typeof(MetricRecorded),
    ];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Resolves the server (starting the embedded cluster when none is configured), checks
    /// that it answers, and opens the store on it.
    /// </summary>
    /// <param name="settings">From <see cref="StoreSettings.Resolve"/>.</param>
    /// <param name="embeddedRoot">The embedded cluster's folder; tests pass a temp one.</param>
    /// <param name="cancellationToken">Stops the probe.</param>
    public static async Task<RunStore> OpenAsync(
        StoreSettings settings, string? embeddedRoot = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string connectionString;
        string description;
        if (settings.ConnectionString is null)
        {
            EmbeddedPostgres cluster = EmbeddedPostgres.Start(embeddedRoot);
            connectionString = cluster.ConnectionString;
            description = $"the embedded cluster at {cluster.DataFolder} "
                + $"({(cluster.Reused ? "already running" : "started")}), schema {settings.Schema}";
        }
        else
        {
            connectionString = settings.ConnectionString;
            description = $"{settings.Describe()}, schema {settings.Schema}";
        }
        string server = StoreErrors.DescribeServer(connectionString);
        await ProbeAsync(connectionString, server, cancellationToken).ConfigureAwait(false);
        DocumentStore store = Create(connectionString, settings.Schema);
        try
        {
            await CreateSchemaAsync(store, connectionString, settings.Schema, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreErrors.Translate(e, server) is { } translated)
        {
            store.Dispose();
            throw translated;
        }

        return new RunStore(store, server, description);
    }

    // Two hosts started at the same moment on a fresh schema would both create Marten's tables
    // and one would fail on a unique violation. Creating them up front, under an advisory lock
    // named after the schema, makes the second wait and then find everything in place.
    private static async Task CreateSchemaAsync(
        DocumentStore store, string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        string key = "doggan-schema:" + schema;
        // Another host may be creating the tables on a loaded machine: wait for it longer than
        // Npgsql's 30 s default before calling the store unreachable.
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtext($1))", key, 180, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        }
        finally
        {
            // Unlocked by hand: closing a pooled connection keeps its session, and its lock, alive.
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtext($1))", key, 30, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, string argument, int timeoutSeconds,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        command.Parameters.AddWithValue(argument);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A Marten store on <paramref name="connectionString"/>, tables in <paramref name="schema"/>.</summary>
    public static DocumentStore Create(string connectionString, string schema) =>
        DocumentStore.For(options => Configure(options, connectionString, schema));

    private static void Configure(StoreOptions options, string connectionString, string schema)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        // The schema is created (or brought up to date) on first use, so a fresh database
        // needs no migration step.
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // A diverged epoch has NaN losses; plain JSON has no NaN, and refusing it would fail
        // every later save of the run. Named literals ("NaN") keep the event and its value.
        options.UseSystemTextJsonForSerialization(
            configure: json => json.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AddEventTypes(EventTypes);
        // Inline: the summary is written in the same transaction as the events it reflects,
        // so a listing never disagrees with the streams.
        options.Projections.Add(new RunSummaryProjection(), ProjectionLifecycle.Inline);
    }

    private static async Task ProbeAsync(
        string connectionString, string server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreException(
                $"cannot reach PostgreSQL at {server} (no answer in {ProbeTimeout.TotalSeconds:0} s); "
                + "start that server, fix DOGGAN_STORE / --store, or unset it to use the embedded cluster",
                e);
        }
        catch (Exception e) when (StoreErrors.Translate(e, server) is { } translated)
        {
            throw translated;
        }
        catch (ArgumentException e)
        {
            throw new StoreException(
                $"the store connection string is not valid ({e.Message}); fix DOGGAN_STORE / --store", e);
        }
    }
}
