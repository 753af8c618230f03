using DogGan.Host.Store;

namespace DogGan.Tests.Store;

/// <summary>
/// One throwaway PostgreSQL cluster for all store tests, made by the same class the host uses,
/// in a temp folder that is stopped (through pg_ctl, by its own postmaster.pid) and deleted at
/// the end. Each test class opens its own schema in it.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Dictionary<string, RunStore> _stores = [];

    public PostgresFixture()
    {
        // /tmp and a short name: the socket path must stay under 107 bytes, and when the tests
        // run as root the postgres user must be able to walk to it (it cannot enter /root).
        Root = TempRoot("doggan-pg");
        Cluster = EmbeddedPostgres.Start(Root);
    }

    internal EmbeddedPostgres Cluster { get; }

    public string Root { get; }

    public string ConnectionString => Cluster.ConnectionString;

    /// <summary>
    /// The store on this cluster in <paramref name="schema"/>, opened the way the host opens
    /// one; kept for the session, as xunit makes a test class instance per test.
    /// </summary>
    internal async Task<RunStore> StoreAsync(string schema)
    {
        if (!_stores.TryGetValue(schema, out RunStore? store))
        {
            store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(
                option: ConnectionString,
                schema: schema,
                environment: _ => null,
                configFile: Path.Combine(Root, "no-config.json")));
            _stores[schema] = store;
        }
        return store;
    }

    /// <summary>A fresh folder under /tmp for a cluster; the caller deletes it.</summary>
    internal static string TempRoot(string prefix)
    {
        return Path.Combine("/tmp", $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}");
    }

    public void Dispose()
    {
        try
        {
            foreach (RunStore store in _stores.Values)
            {
                store.Dispose();
            }
            Cluster.Stop();
        }
        finally
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
