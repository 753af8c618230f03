using DogGan.Contracts.Errors;
using DogGan.Host.Store;

namespace DogGan.Tests.Store;

public sealed class StoreSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doggan-settings").FullName;
    private readonly Dictionary<string, string?> _environment = [];

    private string ConfigFile => Path.Combine(_folder, "config.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Resolve_OptionEnvironmentAndFile_OptionWins()
    {
        File.WriteAllText(ConfigFile, """{"store": "Host=file"}""");
        _environment[StoreSettings.StoreVariable] = "Host=env";

        StoreSettings settings = Resolve("Host=option");

        Assert.Equal(("Host=option", StoreSource.Option), (settings.ConnectionString, settings.Source));
    }

    [Fact]
    public void Resolve_EnvironmentAndFile_EnvironmentWins()
    {
        File.WriteAllText(ConfigFile, """{"store": "Host=file"}""");
        _environment[StoreSettings.StoreVariable] = "Host=env";

        StoreSettings settings = Resolve(null);

        Assert.Equal(("Host=env", StoreSource.Environment), (settings.ConnectionString, settings.Source));
    }

    [Fact]
    public void Resolve_FileOnly_UsesFileStoreAndSchema()
    {
        File.WriteAllText(ConfigFile, """{"store": "Host=file;Password=secret", "schema": "lab"}""");

        StoreSettings settings = Resolve(" ");

        Assert.Equal(
            ("Host=file;Password=secret", StoreSource.ConfigFile), (settings.ConnectionString, settings.Source));
        Assert.Equal("lab", settings.Schema);
        Assert.Contains(ConfigFile, settings.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NothingConfigured_EmbeddedWithDefaultSchema()
    {
        StoreSettings settings = Resolve(null);

        Assert.Null(settings.ConnectionString);
        Assert.Equal(StoreSource.Embedded, settings.Source);
        Assert.Equal("doggan", settings.Schema);
    }

    [Fact]
    public void Resolve_SchemaVariable_OverridesDefault()
    {
        _environment[StoreSettings.SchemaVariable] = "nightly_runs";

        Assert.Equal("nightly_runs", Resolve(null).Schema);
    }

    [Theory]
    [InlineData("Runs")]
    [InlineData("1st")]
    [InlineData("a;drop")]
    public void Resolve_BadSchemaName_ThrowsStoreExceptionSayingWhatIsValid(string schema)
    {
        _environment[StoreSettings.SchemaVariable] = schema;

        var error = Assert.Throws<StoreException>(() => Resolve(null));

        Assert.Contains($"'{schema}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters, digits and underscores", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("""{"store": 5}""", "\"store\" must be a string")]
    [InlineData("[]", "expected a JSON object")]
    public void Resolve_BadConfigFile_ThrowsStoreExceptionNamingTheFile(string text, string expected)
    {
        File.WriteAllText(ConfigFile, text);

        var error = Assert.Throws<StoreException>(() => Resolve(null));

        Assert.StartsWith(ConfigFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoConfigFileGiven_LooksUnderXdgConfigHome()
    {
        _environment["XDG_CONFIG_HOME"] = _folder;

        StoreSettings settings = StoreSettings.Resolve(environment: _environment.GetValueOrDefault);

        Assert.Equal(Path.Combine(_folder, "doggan", "config.json"), settings.ConfigFile);
    }

    private StoreSettings Resolve(string? option) =>
        StoreSettings.Resolve(option, environment: _environment.GetValueOrDefault, configFile: ConfigFile);
}
