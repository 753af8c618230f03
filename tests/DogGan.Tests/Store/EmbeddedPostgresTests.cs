using DogGan.Contracts.Errors;
using DogGan.Host.Store;
using System.Runtime.Versioning;
using Npgsql;

namespace DogGan.Tests.Store;

[Collection(PostgresCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class EmbeddedPostgresTests
{
    private readonly PostgresFixture _postgres;

    public EmbeddedPostgresTests(PostgresFixture postgres)
    {
        _postgres = postgres;
    }

    [Fact]
    public void Start_FolderWithRunningServer_ReusesThatServer()
    {
        string pidFile = Path.Combine(_postgres.Cluster.DataFolder, "postmaster.pid");
        string pidBefore = File.ReadLines(pidFile).First();

        EmbeddedPostgres again = EmbeddedPostgres.Start(_postgres.Root);

        Assert.True(again.Reused);
        Assert.Equal(_postgres.ConnectionString, again.ConnectionString);
        Assert.Equal(pidBefore, File.ReadLines(pidFile).First());
        Assert.Equal("doggan", Scalar(again.ConnectionString, "SELECT current_database()"));
    }

    [Fact]
    public void Start_Cluster_ListensOnItsPrivateSocketFolderOnly()
    {
        Assert.Equal("", Scalar(_postgres.ConnectionString, "SHOW listen_addresses"));
        Assert.Equal(
            _postgres.Cluster.SocketFolder, Scalar(_postgres.ConnectionString, "SHOW unix_socket_directories"));
        Assert.Equal("UTF8", Scalar(_postgres.ConnectionString, "SHOW server_encoding"));
        UnixFileMode mode = File.GetUnixFileMode(_postgres.Cluster.SocketFolder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }

    [Fact]
    public async Task Start_TwoStartersOnAFreshFolder_OneClusterBothConnected()
    {
        string root = PostgresFixture.TempRoot("doggan-pg2");
        EmbeddedPostgres? stopper = null;
        try
        {
            Task<EmbeddedPostgres>[] starters =
                [Task.Run(() => EmbeddedPostgres.Start(root)), Task.Run(() => EmbeddedPostgres.Start(root))];
            EmbeddedPostgres[] clusters = await Task.WhenAll(starters);
            stopper = clusters[0];

            // The lock made one initialise and start it; the other found it running.
            Assert.Single(clusters, c => c.Reused);
            Assert.All(
                clusters, c => Assert.Equal("doggan", Scalar(c.ConnectionString, "SELECT current_database()")));
            Assert.False(Directory.Exists(Path.Combine(root, "data.initdb")));
        }
        finally
        {
            stopper?.Stop();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Start_ServerRefusesItsConfig_ThrowsOneLineStoreExceptionWithTheLogPath()
    {
        string root = PostgresFixture.TempRoot("doggan-pg3");
        try
        {
            EmbeddedPostgres cluster = EmbeddedPostgres.Start(root);
            cluster.Stop();
            File.AppendAllText(Path.Combine(cluster.DataFolder, "postgresql.conf"), "shared_buffers = 'lots'\n");

            var error = Assert.Throws<StoreException>(() => EmbeddedPostgres.Start(root));

            Assert.StartsWith(
                $"PostgreSQL failed to start from {cluster.DataFolder} (", error.Message, StringComparison.Ordinal);
            Assert.EndsWith($"; see its log {cluster.LogFile}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains("shared_buffers", File.ReadAllText(cluster.LogFile), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task OpenAsync_NoStoreConfigured_RecordsIntoTheEmbeddedCluster()
    {
        StoreSettings settings = StoreSettings.Resolve(
            schema: "embedded_open_tests", environment: _ => null, configFile: "/nonexistent/doggan.json");

        using RunStore store = await EventStoreFactory.OpenAsync(settings, embeddedRoot: _postgres.Root);
        var id = Guid.NewGuid();
        await using (RunRecorder recorder = store.NewRun())
        {
            await recorder.StartAsync(TestRuns.Started(id, "embedded", DateTimeOffset.UtcNow));
        }

        Assert.Equal(StoreSource.Embedded, settings.Source);
        Assert.Contains($"the embedded cluster at {_postgres.Cluster.DataFolder} (already running)", store.Description,
            StringComparison.Ordinal);
        Assert.Equal([id], (await store.ListRunsAsync()).Select(r => r.Id));
    }

    [Fact]
    public void Start_BinFolderWithoutServer_ThrowsStoreExceptionWithInstallHint()
    {
        string empty = Directory.CreateTempSubdirectory("doggan-nobin").FullName;
        try
        {
            var error = Assert.Throws<StoreException>(
                () => EmbeddedPostgres.Start(_postgres.Root, binFolder: empty));

            Assert.Equal(
                $"PostgreSQL server binaries not found (looked in {empty}); install them: "
                + "apt-get install -y postgresql, or set DOGGAN_STORE to a connection string",
                error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    private static string? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar()?.ToString();
    }
}
