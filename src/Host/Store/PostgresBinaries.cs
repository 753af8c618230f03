using System.Globalization;
using System.Text.RegularExpressions;
using DogGan.Contracts.Errors;

namespace DogGan.Host.Store;

/// <summary>A folder that holds initdb, pg_ctl and postgres, and the major version they are.</summary>
internal sealed partial record PostgresBinaries(string Folder, int MajorVersion)
{
    internal const string BinFolderVariable = "DOGGAN_PG_BIN";
    private const string DebianRoot = "/usr/lib/postgresql";
    private static readonly string[] RequiredTools = ["initdb", "pg_ctl", "postgres"];

    /// <summary>
    /// The explicit folder if given, else env DOGGAN_PG_BIN, else the highest version under
    /// /usr/lib/postgresql/*/bin (Debian's layout).
    /// </summary>
    public static PostgresBinaries Find(string? explicitFolder = null)
    {
        string? chosen = explicitFolder ?? NonEmpty(Environment.GetEnvironmentVariable(BinFolderVariable));
        if (chosen is not null)
        {
            return HasTools(chosen) ? Probe(chosen) : throw NotFound(chosen);
        }
        var candidates = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
                .Where(c => c.Version is not null && HasTools(c.Folder))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0 ? Probe(candidates[0].Folder) : throw NotFound($"{DebianRoot}/*/bin");
    }

    private static PostgresBinaries Probe(string folder)
    {
        // The folder name need not carry the version (DOGGAN_PG_BIN), so ask the tool itself.
        (int code, string output) = new ServerCommand(folder)
            .Run("pg_ctl", ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Match match = VersionPattern().Match(output);
        if (code != 0 || !match.Success)
        {
            throw new StoreException(
                $"'{Path.Combine(folder, "pg_ctl")} --version' failed ({output.Trim()}); "
                + $"set {BinFolderVariable} to a working PostgreSQL bin folder");
        }
        return new PostgresBinaries(folder, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static bool HasTools(string folder) =>
        RequiredTools.All(tool => File.Exists(Path.Combine(folder, tool)));

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out Version? v)
            ? v
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static StoreException NotFound(string lookedIn) => new(
        $"PostgreSQL server binaries not found (looked in {lookedIn}); install them: "
        + "apt-get install -y postgresql, or set DOGGAN_STORE to a connection string");

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex VersionPattern();
}
