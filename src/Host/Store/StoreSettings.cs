using System.Text.Json;
using System.Text.RegularExpressions;
using DogGan.Contracts.Errors;

namespace DogGan.Host.Store;

/// <summary>Which PostgreSQL the host records into, and under which schema.</summary>
/// <param name="ConnectionString">The Npgsql connection string; null means the embedded cluster.</param>
/// <param name="Schema">The PostgreSQL schema Marten's tables go in.</param>
/// <param name="Source">Where the connection string came from.</param>
/// <param name="ConfigFile">The config file consulted, whether or not it existed.</param>
internal sealed partial record StoreSettings(
    string? ConnectionString, string Schema, StoreSource Source, string ConfigFile)
{
    internal const string StoreVariable = "DOGGAN_STORE";
    internal const string SchemaVariable = "DOGGAN_SCHEMA";
    internal const string DefaultSchema = "doggan";

    /// <summary>
    /// Resolves the connection string from, in order: <paramref name="option"/> (the CLI's
    /// <c>--store</c>), env DOGGAN_STORE, the config file's <c>store</c> key, else the embedded
    /// cluster. The schema comes from <paramref name="schema"/>, env DOGGAN_SCHEMA, the config
    /// file's <c>schema</c> key, else "doggan".
    /// </summary>
    /// <param name="option">The explicit value, if any.</param>
    /// <param name="schema">An explicit schema, if any.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process's.</param>
    /// <param name="configFile">Defaults to $XDG_CONFIG_HOME/doggan/config.json.</param>
    public static StoreSettings Resolve(
        string? option = null,
        string? schema = null,
        Func<string, string?>? environment = null,
        string? configFile = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        configFile ??= DefaultConfigFile(environment);
        ConfigValues config = ReadConfig(configFile);

        (string? connection, StoreSource source) =
            NonEmpty(option) is { } fromOption ? (fromOption, StoreSource.Option)
            : NonEmpty(environment(StoreVariable)) is { } fromEnv ? (fromEnv, StoreSource.Environment)
            : NonEmpty(config.Store) is { } fromFile ? (fromFile, StoreSource.ConfigFile)
            : ((string?)null, StoreSource.Embedded);
        string chosenSchema = NonEmpty(schema)
            ?? NonEmpty(environment(SchemaVariable))
            ?? NonEmpty(config.Schema)
            ?? DefaultSchema;
        if (!SchemaPattern().IsMatch(chosenSchema))
        {
            throw new StoreException(
                $"schema name '{chosenSchema}' is not valid; use 1-63 lower-case letters, digits "
                + "and underscores, starting with a letter or underscore");
        }
        return new StoreSettings(connection, chosenSchema, source, configFile);
    }

    /// <summary>A short phrase for the log: where the store came from, without any password.</summary>
    public string Describe() => Source switch
    {
        StoreSource.Option => $"--store ({StoreErrors.DescribeServer(ConnectionString!)})",
        StoreSource.Environment => $"{StoreVariable} ({StoreErrors.DescribeServer(ConnectionString!)})",
        StoreSource.ConfigFile => $"{ConfigFile} ({StoreErrors.DescribeServer(ConnectionString!)})",
        _ => "the embedded cluster",
    };

    private static string DefaultConfigFile(Func<string, string?> environment)
    {
        string configHome = NonEmpty(environment("XDG_CONFIG_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "doggan", "config.json");
    }

    private static ConfigValues ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigValues(null, null);
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StoreException(
                    $"{path}: expected a JSON object such as {{\"store\": \"Host=...\"}}");
            }
            JsonElement root = document.RootElement;
            return new ConfigValues(ReadString(root, "store", path), ReadString(root, "schema", path));
        }
        catch (JsonException e)
        {
            throw new StoreException($"{path} is not valid JSON ({e.Message}); fix or remove it", e);
        }
    }

    private static string? ReadString(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new StoreException($"{path}: \"{key}\" must be a string, not {value.ValueKind}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaPattern();

    private sealed record ConfigValues(string? Store, string? Schema);
}
