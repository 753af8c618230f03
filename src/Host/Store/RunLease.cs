using DogGan.Contracts.Errors;
using Npgsql;

namespace DogGan.Host.Store;

/// <summary>
/// The right to train one run, held as a PostgreSQL session-level advisory lock on a
/// connection of its own for as long as the host trains the run. A run in status "running"
/// may be alive or may have crashed without a word; the lock tells them apart, because the
/// server releases it the moment the holding process's connection goes, however it died
/// (SIGKILL included). A resume takes it before reading the stream, so it never continues a
/// run that another process is still training.
/// </summary>
internal sealed class RunLease : IAsyncDisposable
{
    // Distinguishes these locks from any other advisory lock a database user may take.
    private const int Namespace = 0x44474E; // "DGN"
    private readonly NpgsqlConnection _connection;

    private RunLease(NpgsqlConnection connection, Guid runId)
    {
        _connection = connection;
        RunId = runId;
    }

    public Guid RunId { get; }

    /// <summary>Takes the lease; a one-line <see cref="StoreException"/> when another process holds it.</summary>
    internal static async Task<RunLease> TakeAsync(
        NpgsqlConnection connection, Guid runId, string server, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlCommand command = connection.CreateCommand();
            command.CommandText = "select pg_try_advisory_lock(@space, @key)";
            command.Parameters.AddWithValue("space", Namespace);
            command.Parameters.AddWithValue("key", KeyOf(runId));
            bool taken = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (!taken)
            {
                throw new StoreException(
                    $"run {runId} is being trained by another host process right now (it holds the run's "
                    + $"lock at {server}); wait for it to end or stop it, then resume");
            }

            return new RunLease(connection, runId);
        }
        catch (Exception error) when (error is not StoreException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw StoreErrors.Wrap(error, server);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closing the connection releases the lock; no explicit unlock is needed.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    // pg_try_advisory_lock(int, int): the run id folded to 32 bits. Two runs that fold alike
    // would only make one wait for the other's end, never corrupt either.
    private static int KeyOf(Guid runId)
    {
        Span<byte> bytes = stackalloc byte[16];
        runId.TryWriteBytes(bytes);
        int key = 0;
        for (int i = 0; i < 16; i += 4)
        {
            key ^= BitConverter.ToInt32(bytes[i..(i + 4)]);
        }

        return key;
    }
}
