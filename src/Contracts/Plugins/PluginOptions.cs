using System.Globalization;
using System.Text.Json;
using DogGan.Contracts.Errors;

namespace DogGan.Contracts.Plugins;

/// <summary>
/// The options of one plugin as the manifest set them, defaults filled in by the host.
/// Every getter names the manifest location and the valid range when a value is wrong, so a
/// plugin's own checks read as well as the host's.
/// </summary>
public sealed class PluginOptions
{
    private readonly IReadOnlyDictionary<string, JsonElement> _values;

    /// <summary>Wraps validated option values.</summary>
    /// <param name="pluginName">The plugin these options belong to (for messages).</param>
    /// <param name="jsonPath">Where the options object sits in the manifest, e.g. <c>$.loss.options</c>.</param>
    /// <param name="values">Every declared option, defaults included.</param>
    public PluginOptions(string pluginName, string jsonPath, IReadOnlyDictionary<string, JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        PluginName = pluginName;
        JsonPath = jsonPath;
        _values = values;
    }

    /// <summary>An empty set, for plugins without options and for tests.</summary>
    public static PluginOptions Empty(string pluginName) =>
        new(pluginName, "$", new Dictionary<string, JsonElement>());

    /// <summary>Builds options from JSON text such as <c>{"margin": 0.8}</c>; meant for tests and tools.</summary>
    public static PluginOptions FromJson(string pluginName, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }

        return new PluginOptions(pluginName, "$", values);
    }

    /// <summary>The plugin these options belong to.</summary>
    public string PluginName { get; }

    /// <summary>Where the options object sits in the manifest.</summary>
    public string JsonPath { get; }

    /// <summary>The option names present.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Whether an option is present.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The raw JSON value of an option.</summary>
    public JsonElement GetRaw(string name) => Find(name);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double GetDouble(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        JsonElement value = Find(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number))
        {
            throw Wrong(name, value, "a number");
        }

        if (number < min || number > max || double.IsNaN(number))
        {
            throw Wrong(name, value, $"a number from {Format(min)} to {Format(max)}");
        }

        return number;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInt32(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        JsonElement value = Find(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number))
        {
            throw Wrong(name, value, "a whole number");
        }

        if (number < min || number > max)
        {
            throw Wrong(name, value, $"a whole number from {min} to {max}");
        }

        return number;
    }

    /// <summary>true or false.</summary>
    public bool GetBoolean(string name)
    {
        JsonElement value = Find(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, value, "true or false"),
        };
    }

    /// <summary>A string.</summary>
    public string GetString(string name)
    {
        JsonElement value = Find(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, value, "a string");
    }

    /// <summary>An array of whole numbers, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public IReadOnlyList<int> GetInt32Array(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        JsonElement value = Find(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, value, "an array of whole numbers");
        }

        var numbers = new List<int>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int number) || number < min
                || number > max)
            {
                throw Wrong(name, value, $"an array of whole numbers from {min} to {max}");
            }

            numbers.Add(number);
        }

        return numbers;
    }

    private JsonElement Find(string name)
    {
        if (_values.TryGetValue(name, out JsonElement value))
        {
            return value;
        }

        string known = _values.Count == 0 ? "none" : string.Join(", ", _values.Keys.Order(StringComparer.Ordinal));
        throw new ManifestException(
            $"{JsonPath}.{name}: plugin '{PluginName}' has no option '{name}'; its options: {known}");
    }

    private ManifestException Wrong(string name, JsonElement value, string expected) =>
        new($"{JsonPath}.{name}: {value.GetRawText()} is not valid for plugin '{PluginName}'; expected {expected}");

    private static string Format(double value) => value switch
    {
        double.MinValue => "-inf",
        double.MaxValue => "+inf",
        _ => value.ToString("G", CultureInfo.InvariantCulture),
    };
}
