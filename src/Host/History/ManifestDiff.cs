using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DogGan.Host.History;

/// <summary>
/// The places where several manifests disagree, as JSON paths such as
/// <c>$.architecture.options.ch</c>; <c>host compare</c> and <c>host report</c> both show them.
/// </summary>
/// <remarks>
/// Values compare as what they mean, not as they are spelled: numbers by value (<c>5e-4</c>
/// equals <c>0.0005</c>), strings decoded (<c>"\u0061"</c> equals <c>"a"</c>), and key order
/// never matters.
/// </remarks>
internal static class ManifestDiff
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // The report HTML-escapes every value and the console prints text, so JSON's own escaping
    // of <, > and & would only show up as \u003C noise.
    private static readonly JsonSerializerOptions ReadableStrings = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Every leaf path whose value is not the same in all <paramref name="manifests"/>, in the
    /// order the keys first appear. Objects are compared key by key and arrays of equal length
    /// element by element; arrays of different lengths differ as a whole (element by element,
    /// a crop list that gained an entry at the front would differ at every index). A key
    /// missing from a manifest differs from any value, JSON null included.
    /// </summary>
    /// <param name="manifests">Each run's manifest JSON text, as ExperimentStarted recorded it.</param>
    public static IReadOnlyList<ManifestDifference> Find(IReadOnlyList<string> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var differences = new List<ManifestDifference>();
        Walk("$", manifests.Select(m => new Slot(true, Parse(m))).ToList(), differences);
        return differences;
    }

    private static JsonElement Parse(string manifest)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(manifest, Options);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The host stored it only after parsing it, so this is a stream edited by hand;
            // the text itself then stands as one value to compare.
            return JsonSerializer.SerializeToElement(manifest);
        }
    }

    private static void Walk(string path, List<Slot> slots, List<ManifestDifference> differences)
    {
        if (slots.All(s => s.Present && s.Element.ValueKind == JsonValueKind.Object))
        {
            IEnumerable<string> keys = slots.SelectMany(s => s.Element.EnumerateObject().Select(p => p.Name))
                .Distinct(StringComparer.Ordinal);
            foreach (string key in keys.ToList())
            {
                Walk(Child(path, key), slots.Select(s => Member(s.Element, key)).ToList(), differences);
            }
            return;
        }
        if (slots.All(s => s.Present && s.Element.ValueKind == JsonValueKind.Array)
            && slots.Select(s => s.Element.GetArrayLength()).Distinct().Count() == 1)
        {
            int count = slots[0].Element.GetArrayLength();
            for (int i = 0; i < count; i++)
            {
                Walk($"{path}[{i}]", slots.Select(s => new Slot(true, s.Element[i])).ToList(), differences);
            }
            return;
        }
        string?[] values = slots.Select(s => s.Present ? Canonical(s.Element) : null).ToArray();
        if (values.Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            differences.Add(new ManifestDifference(path, values));
        }
    }

    private static Slot Member(JsonElement element, string key) =>
        element.TryGetProperty(key, out JsonElement value) ? new Slot(true, value) : new Slot(false, default);

    // Dotted where the key is a plain identifier, bracketed and quoted as JSON otherwise.
    private static string Child(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0])
            ? $"{path}.{key}"
            : $"{path}[{JsonSerializer.Serialize(key, ReadableStrings)}]";

    /// <summary>Compact JSON of a value, numbers and strings in one spelling, so equal values compare equal.</summary>
    /// <remarks>Decimal first: a seed near 2^63 would lose digits as a double and compare equal
    /// to its neighbour. G29 drops trailing zeros, so 2.50 and 2.5 read the same.</remarks>
    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDecimal(out decimal exact)
            ? exact.ToString("G29", CultureInfo.InvariantCulture)
            : element.TryGetDouble(out double value)
                ? value.ToString("R", CultureInfo.InvariantCulture)
                : element.GetRawText(),
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject()
            .Select(p => JsonSerializer.Serialize(p.Name, ReadableStrings) + ":" + Canonical(p.Value))) + "}",
        // Decoded and written again, so "\u0061" and "a" compare equal and a name reads as typed.
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString(), ReadableStrings),
        _ => element.GetRawText(),
    };

    private readonly record struct Slot(bool Present, JsonElement Element);
}
