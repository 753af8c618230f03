using System.Net.Sockets;
using DogGan.Contracts.Errors;
using Npgsql;

namespace DogGan.Host.Store;

/// <summary>Turns driver and Marten failures into one-line <see cref="StoreException"/>s.</summary>
internal static class StoreErrors
{
    /// <summary>"host:port/database as user", never the password.</summary>
    public static string DescribeServer(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            string host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
            return $"{host}:{builder.Port}/{builder.Database ?? builder.Username} as {builder.Username ?? "(os user)"}";
        }
        catch (ArgumentException)
        {
            return "an unparsable connection string";
        }
    }

    /// <summary>
    /// The error a user can act on when <paramref name="error"/> says the server cannot be
    /// reached or refused us; null when it is something else (a bug, to be left as it is).
    /// </summary>
    public static StoreException? Translate(Exception error, string server)
    {
        Exception root = Innermost(error);
        return root switch
        {
            PostgresException pg when pg.SqlState is "28000" or "28P01" => new StoreException(
                $"PostgreSQL at {server} refused the login ({pg.MessageText}); fix the user or "
                + "password in DOGGAN_STORE / --store", error),
            PostgresException pg when pg.SqlState == "3D000" => new StoreException(
                $"PostgreSQL at {server} has no such database ({pg.MessageText}); create it or "
                + "name another in DOGGAN_STORE / --store", error),
            SocketException or TimeoutException or IOException => Unreachable(server, root.Message, error),
            NpgsqlException npgsql when npgsql.IsTransient || npgsql is not PostgresException =>
                Unreachable(server, root.Message, error),
            _ => null,
        };
    }

    /// <summary>Translates, or rethrows the original untouched when it is not the user's to fix.</summary>
    public static Exception Wrap(Exception error, string server) => Translate(error, server) ?? error;

    private static StoreException Unreachable(string server, string reason, Exception error) => new(
        $"cannot reach PostgreSQL at {server} ({reason}); start that server, fix DOGGAN_STORE / "
        + "--store, or unset it to use the embedded cluster", error);

    private static Exception Innermost(Exception error)
    {
        Exception current = error;
        while (current is not NpgsqlException and not SocketException && current.InnerException is not null)
        {
            current = current.InnerException;
        }
        return current;
    }
}
