using System.Globalization;
using System.Text.Json;

namespace DogGan.Host.Reports;

/// <summary>
/// The keys that differ between run manifests, as JSON paths. Objects are walked key by key;
/// an array of plain values (a crop list, bump epochs) is one value, because comparing it
/// element by element would report every later element of a list that gained one entry.
/// Arrays that hold objects are walked by index.
/// </summary>
/// <remarks>
/// Numbers compare by value (<c>5e-4</c> equals <c>0.0005</c>); key order never matters.
/// The history helper's <c>compare</c> may carry its own copy of this walk; one of the two
/// should go when the branches meet.
/// </remarks>
internal static class ManifestDiff
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // The page HTML-escapes every value, so JSON's own escaping of <, > and & would only show
    // up as \u003C noise there.
    private static readonly JsonSerializerOptions ReadableStrings = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The differing keys, in the order they first appear across the manifests.</summary>
    /// <param name="manifests">Each run's manifest JSON text, as ExperimentStarted recorded it.</param>
    public static IReadOnlyList<ManifestDifference> Compare(IReadOnlyList<string> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var order = new List<string>();
        var flattened = new List<Dictionary<string, string>>();
        foreach (string manifest in manifests)
        {
            var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
            using (JsonDocument document = JsonDocument.Parse(manifest, Options))
            {
                Flatten(document.RootElement, "$", leaves, order);
            }
            flattened.Add(leaves);
        }

        var differences = new List<ManifestDifference>();
        foreach (string path in order.Distinct(StringComparer.Ordinal))
        {
            string?[] values = flattened.Select(l => l.TryGetValue(path, out string? v) ? v : null).ToArray();
            if (values.Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                differences.Add(new ManifestDifference(path, values));
            }
        }
        return differences;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> leaves, List<string> order)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, Child(path, property.Name), leaves, order);
                }
                break;
            case JsonValueKind.Array when element.EnumerateArray().Any(IsContainer):
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{index++}]", leaves, order);
                }
                break;
            default:
                leaves[path] = Canonical(element);
                order.Add(path);
                break;
        }
    }

    private static bool IsContainer(JsonElement element) =>
        element.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    // Dotted where the key is a plain identifier, bracketed and quoted otherwise.
    private static string Child(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0])
            ? $"{path}.{key}"
            : $"{path}[{JsonSerializer.Serialize(key)}]";

    /// <summary>Compact JSON of a leaf, with numbers in one spelling so equal values compare equal.</summary>
    /// <remarks>Decimal first: a seed near 2^63 would lose digits as a double and compare equal
    /// to its neighbour. G29 drops trailing zeros, so 2.50 and 2.5 read the same.</remarks>
    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out decimal exact)
            ? exact.ToString("G29", CultureInfo.InvariantCulture)
            : element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Object => "{}",
        // Decoded and written again, so "\u0061" and "a" compare equal and a name reads as typed.
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString(), ReadableStrings),
        _ => element.GetRawText(),
    };
}
