using System.Globalization;
using DogGan.Contracts.Errors;
using Npgsql;

namespace DogGan.Host.Store;

/// <summary>
/// A private PostgreSQL cluster owned by this user, started on demand and left running for the
/// next command. It listens on a unix socket in a 0700 folder only: no TCP port, no password,
/// and nobody but its owner (and root) can connect.
/// </summary>
/// <remarks>
/// Layout under <see cref="Root"/>: <c>data/</c> (the cluster), <c>run/</c> (the socket),
/// <c>postgres.log</c> and <c>start.lock</c>, which serialises concurrent starters.
/// </remarks>
internal sealed class EmbeddedPostgres
{
    internal const string DatabaseName = "doggan";
    internal const string UserName = "doggan";

    // Only the socket file name depends on the port; the socket folder is private to the
    // cluster, so the default port cannot clash with a system server.
    private const int Port = 5432;
    // A unix socket path is limited to 107 bytes on Linux; ".s.PGSQL.5432" takes 13 of them.
    private const int MaxSocketFolderLength = 107 - 14;
    private const UnixFileMode OwnerOnly =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);

    private readonly PostgresBinaries _binaries;
    private readonly ServerCommand _command;

    private EmbeddedPostgres(string root, PostgresBinaries binaries)
    {
        Root = root;
        _binaries = binaries;
        _command = new ServerCommand(binaries.Folder);
    }

    /// <summary>The folder that holds the cluster, its socket folder, log and lock.</summary>
    public string Root { get; }

    /// <summary>The cluster's data folder (PGDATA).</summary>
    public string DataFolder => Path.Combine(Root, "data");

    /// <summary>The folder the server's unix socket lives in.</summary>
    public string SocketFolder => Path.Combine(Root, "run");

    /// <summary>The server's log file.</summary>
    public string LogFile => Path.Combine(Root, "postgres.log");

    /// <summary>The Npgsql connection string for the <c>doggan</c> database.</summary>
    public string ConnectionString => Connection(DatabaseName);

    /// <summary>True when this call found the server already running and reused it.</summary>
    public bool Reused { get; private set; }

    /// <summary>
    /// The default root: $XDG_DATA_HOME/doggan/postgres (~/.local/share/doggan/postgres), or for
    /// root /var/lib/doggan/postgres-0.
    /// </summary>
    public static string DefaultRoot()
    {
        if (ServerCommand.RunsAsOtherUser)
        {
            // Root's home (/root) is 0700, so the postgres user could not even reach a cluster
            // kept there. /var/lib is root-owned and world-traversable; the cluster folder
            // inside it is then handed to the postgres user. The uid in the name keeps it
            // apart from any cluster another user keeps there.
            return "/var/lib/doggan/postgres-0";
        }
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        string dataHome = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(dataHome, "doggan", "postgres");
    }

    /// <summary>
    /// Initialises the cluster under <paramref name="root"/> (default <see cref="DefaultRoot"/>)
    /// if needed, starts it unless it is already running, and makes sure the database exists.
    /// </summary>
    public static EmbeddedPostgres Start(string? root = null, string? binFolder = null)
    {
        PostgresBinaries binaries = PostgresBinaries.Find(binFolder);
        var cluster = new EmbeddedPostgres(Path.GetFullPath(root ?? DefaultRoot()), binaries);
        cluster.StartOrReuse();
        return cluster;
    }

    /// <summary>Stops the server (fast shutdown). For tests: the host leaves the cluster running.</summary>
    public void Stop()
    {
        if (!File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            return;
        }
        (int code, string output) = _command.Run(
            "pg_ctl", ["stop", "-w", "-m", "fast", "-D", DataFolder], Root, StartTimeout);
        if (code != 0)
        {
            throw new StoreException($"PostgreSQL at {DataFolder} did not stop: {FirstLine(output)}");
        }
    }

    private void StartOrReuse()
    {
        if (SocketFolder.Length > MaxSocketFolderLength)
        {
            throw new StoreException(
                $"the cluster folder '{Root}' is too long for a unix socket path "
                + $"({SocketFolder.Length} > {MaxSocketFolderLength} characters); pick a shorter one");
        }
        PrepareRoot();
        using FileStream startLock = AcquireLock();
        if (!File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            InitialiseCluster();
        }
        CheckClusterVersion();
        // A postmaster.pid alone may be stale (a crash, a reboot); only a connection proves it.
        Reused = File.Exists(Path.Combine(DataFolder, "postmaster.pid")) && CanConnect();
        if (!Reused)
        {
            StartServer();
        }
        EnsureDatabase();
    }

    private void PrepareRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new StoreException(
                "the embedded cluster needs unix sockets (Linux); set DOGGAN_STORE to a connection string");
        }
        try
        {
            bool fresh = !Directory.Exists(Root);
            // Parents get the usual 0755, so the server user can walk through them.
            Directory.CreateDirectory(Path.GetDirectoryName(Root)!);
            Directory.CreateDirectory(Root, OwnerOnly);
            Directory.CreateDirectory(SocketFolder, OwnerOnly);
            if (fresh || !Directory.Exists(DataFolder))
            {
                ServerCommand.HandOver(Root);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException(
                $"cannot create the cluster folder '{Root}' ({e.Message}); "
                + "pass a writable folder or set DOGGAN_STORE to a connection string", e);
        }
    }

    private FileStream AcquireLock()
    {
        string path = Path.Combine(Root, "start.lock");
        DateTime deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix, so a second
                // process (or a second call in this one) waits here until the first is done.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                throw new StoreException(
                    $"another process has held '{path}' for {LockTimeout.TotalSeconds:0} s while "
                    + "starting PostgreSQL; wait for it to finish, or end it", e);
            }
        }
    }

    private void InitialiseCluster()
    {
        // initdb writes into a side folder that is renamed only once it is complete and
        // configured, so a killed initdb never leaves a half-made cluster behind.
        string staging = Path.Combine(Root, "data.initdb");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        (int code, string output) = _command.Run(
            "initdb",
            [
                "-D", staging, "-U", UserName, "--encoding=UTF8", "--no-locale", "--no-instructions",
                // Trust is safe only because the socket folder is 0700 and TCP is off.
                "--auth-local=trust", "--auth-host=reject",
            ],
            Root,
            StartTimeout);
        if (code != 0)
        {
            throw new StoreException($"initdb failed for {staging}: {FirstLine(output)}");
        }
        File.AppendAllText(
            Path.Combine(staging, "postgresql.conf"),
            string.Join(
                '\n',
                "",
                "# DogGan's private cluster: a unix socket in a private folder, never TCP.",
                "listen_addresses = ''",
                $"unix_socket_directories = '{SocketFolder.Replace("'", "''", StringComparison.Ordinal)}'",
                $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
                ""));
        Directory.Move(staging, DataFolder);
    }

    private void CheckClusterVersion()
    {
        string text = File.ReadAllText(Path.Combine(DataFolder, "PG_VERSION")).Trim();
        if (text != _binaries.MajorVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new StoreException(
                $"the cluster at {DataFolder} was made by PostgreSQL {text} but the binaries in "
                + $"{_binaries.Folder} are PostgreSQL {_binaries.MajorVersion}; set "
                + $"{PostgresBinaries.BinFolderVariable} to PostgreSQL {text}'s bin folder");
        }
    }

    private void StartServer()
    {
        (int code, string output) = _command.Run(
            "pg_ctl",
            [
                "start", "-w", "-t", StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                "-D", DataFolder, "-l", LogFile,
            ],
            Root,
            StartTimeout + TimeSpan.FromSeconds(10));
        if (code != 0 || !CanConnect())
        {
            throw new StoreException(
                $"PostgreSQL failed to start from {DataFolder} ({FirstLine(output)}); see its log {LogFile}");
        }
    }

    private bool CanConnect()
    {
        try
        {
            using var connection = new NpgsqlConnection(Connection("postgres") + ";Timeout=5");
            connection.Open();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private void EnsureDatabase()
    {
        using var connection = new NpgsqlConnection(Connection("postgres"));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = DatabaseName });
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            create.ExecuteNonQuery();
        }
    }

    private string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketFolder,
        Port = Port,
        Username = UserName,
        Database = database,
    }.ConnectionString;

    private static string FirstLine(string text)
    {
        string[] lines = text.Split(
            '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : string.Join(" / ", lines.Take(3));
    }
}
