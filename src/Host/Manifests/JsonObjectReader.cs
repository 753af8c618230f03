using System.Globalization;
using System.Text.Json;
using DogGan.Contracts.Errors;

namespace DogGan.Host.Manifests;

/// <summary>
/// Reads one JSON object of a manifest strictly: unknown keys, wrong types and out-of-range
/// values fail at once with the file, the JSON path, the value and what would be valid.
/// Hand-written rather than a JSON-schema validator because the messages are the product
/// here: a schema library reports its own rule names, not the choices a user can make.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly string _file;

    public JsonObjectReader(JsonElement element, string path, string file, IReadOnlyCollection<string> keys)
    {
        _file = file;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, element, "an object");
        }

        _element = element;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!keys.Contains(property.Name))
            {
                throw new ManifestException(
                    $"{file}: {path}.{property.Name}: unknown key; valid keys here: {string.Join(", ", keys)}");
            }
        }
    }

    public string Path { get; }

    /// <summary>The manifest file, for messages.</summary>
    public string File => _file;

    public bool Has(string key) =>
        _element.TryGetProperty(key, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string key) => Has(key) ? _element.GetProperty(key) : null;

    public string RequiredString(string key)
    {
        JsonElement value = Required(key, "a string");
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Error(At(key), value, "a non-empty string");
    }

    public string? OptionalString(string key)
    {
        if (!Has(key))
        {
            return null;
        }

        JsonElement value = _element.GetProperty(key);
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(At(key), value, "a string");
    }

    public string Choice(string key, string fallback, IReadOnlyList<string> choices)
    {
        string value = OptionalString(key) ?? fallback;
        return choices.Contains(value)
            ? value
            : throw new ManifestException(
                $"{_file}: {At(key)}: \"{value}\" is not valid; choose one of: {string.Join(", ", choices)}");
    }

    public int Int32(string key, int fallback, int min, int max) => OptionalInt32(key, min, max) ?? fallback;

    public int? OptionalInt32(string key, int min, int max)
    {
        if (!Has(key))
        {
            return null;
        }

        JsonElement value = _element.GetProperty(key);
        string expected = $"a whole number from {min} to {max}";
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= min
               && number <= max
            ? number
            : throw Error(At(key), value, expected);
    }

    public long? OptionalInt64(string key, long min, long max)
    {
        if (!Has(key))
        {
            return null;
        }

        JsonElement value = _element.GetProperty(key);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= min
               && number <= max
            ? number
            : throw Error(At(key), value, $"a whole number from {min} to {max}");
    }

    public double Double(string key, double fallback, double min, double max) =>
        OptionalDouble(key, min, max) ?? fallback;

    public double? OptionalDouble(string key, double min, double max)
    {
        if (!Has(key))
        {
            return null;
        }

        JsonElement value = _element.GetProperty(key);
        string expected = string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && number >= min
               && number <= max
            ? number
            : throw Error(At(key), value, expected);
    }

    public JsonObjectReader Object(string key, IReadOnlyCollection<string> keys)
    {
        JsonElement value = Required(key, "an object");
        return new JsonObjectReader(value, At(key), _file, keys);
    }

    public JsonObjectReader? OptionalObject(string key, IReadOnlyCollection<string> keys) =>
        Has(key) ? new JsonObjectReader(_element.GetProperty(key), At(key), _file, keys) : null;

    public IReadOnlyList<(JsonElement Item, string Path)> Array(string key, int minLength)
    {
        JsonElement value = Required(key, "an array");
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < minLength)
        {
            throw Error(At(key), value, $"an array of at least {minLength} item(s)");
        }

        return value.EnumerateArray().Select((item, i) => (item, $"{At(key)}[{i}]")).ToList();
    }

    public ManifestException Error(string path, JsonElement value, string expected) =>
        new($"{_file}: {path}: {Shorten(value.GetRawText())} is not valid; expected {expected}");

    public string At(string key) => $"{Path}.{key}";

    private JsonElement Required(string key, string expected)
    {
        if (!Has(key))
        {
            throw new ManifestException($"{_file}: {At(key)}: missing; expected {expected}");
        }

        return _element.GetProperty(key);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
