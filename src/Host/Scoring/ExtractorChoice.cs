using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using DogGan.Host.Manifests;
using DogGan.Host.Plugins;

namespace DogGan.Host.Scoring;

/// <summary>
/// A feature extractor plugin created from command-line options (<c>k=v</c>, the value read as
/// JSON when it parses, else as a string), with the hash that identifies its features.
/// </summary>
internal sealed class ExtractorChoice : IDisposable
{
    private ExtractorChoice(IFeatureExtractor extractor, string optionsJson, string hash)
    {
        Extractor = extractor;
        OptionsJson = optionsJson;
        Hash = hash;
    }

    public IFeatureExtractor Extractor { get; }

    /// <summary>The options in force, defaults included, keys in order.</summary>
    public string OptionsJson { get; }

    /// <summary>Lower-case hex SHA-256 of name, width, options and the extractor's fingerprint.</summary>
    public string Hash { get; }

    public static ExtractorChoice Create(PluginCatalog catalog, string name, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        PluginDescriptor plugin = catalog.Get(PluginKind.FeatureExtractor, name, "--features");
        var values = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (PluginOptionInfo option in plugin.Options)
        {
            values[option.Name] = Parse(option.DefaultJson);
        }

        foreach (string pair in options)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = equals > 0 ? pair[..equals] : "";
            if (!values.ContainsKey(key))
            {
                string known = values.Count == 0 ? "none" : string.Join(", ", values.Keys);
                throw new ManifestException(equals > 0
                    ? $"--features-option {pair}: plugin '{name}' has no option '{key}'; its options: {known}"
                    : $"--features-option {pair}: expected KEY=VALUE; plugin '{name}' options: {known}");
            }

            string text = pair[(equals + 1)..];
            values[key] = TryParse(text) ?? JsonSerializer.SerializeToElement(text);
        }

        return Build(plugin, values, "--features-option");
    }

    /// <summary>
    /// The extractor a manifest's <c>scoring.features</c> names. Its hash equals the one
    /// <see cref="Create"/> gives for the same options, so scores taken during training and by
    /// <c>host score</c> share the real-feature cache and compare with each other.
    /// </summary>
    public static ExtractorChoice FromManifest(PluginChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var values = new SortedDictionary<string, JsonElement>(
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(choice.OptionsJson)!, StringComparer.Ordinal);
        return Build(choice.Plugin, values, "$.scoring.features.options");
    }

    public void Dispose() => Extractor.Dispose();

    private static ExtractorChoice Build(
        PluginDescriptor plugin, SortedDictionary<string, JsonElement> values, string optionsPath)
    {
        string name = plugin.Name;
        var pluginOptions = new PluginOptions(name, optionsPath, values);
        var factory = (IFeatureExtractorPlugin)plugin.CreateFactory();
        IFeatureExtractor extractor = factory.Create(pluginOptions);
        string optionsJson = JsonSerializer.Serialize(values);
        string identity = $"{extractor.Name}\n{extractor.Width}\n{optionsJson}\n{extractor.Fingerprint}";
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        return new ExtractorChoice(extractor, optionsJson, hash);
    }

    private static JsonElement Parse(string json) => TryParse(json) ?? JsonSerializer.SerializeToElement(json);

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
