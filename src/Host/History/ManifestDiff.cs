using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DogGan.Host.History;

/// <summary>The places where several manifests disagree, as JSON paths such as <c>$.architecture.options.ch</c>.</summary>
internal static partial class ManifestDiff
{
    /// <summary>
    /// Every leaf path whose value is not the same in all <paramref name="manifests"/>, in the
    /// order the keys first appear. Objects are compared key by key and arrays of equal length
    /// element by element; arrays of different lengths differ as a whole. A key missing from a
    /// manifest differs from any value, JSON null included.
    /// </summary>
    public static IReadOnlyList<ManifestDifference> Find(IReadOnlyList<string> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var nodes = manifests.Select(Parse).ToList();
        var differences = new List<ManifestDifference>();
        Walk("$", nodes.Select(n => new Slot(true, n)).ToList(), differences);
        return differences;
    }

    private static JsonNode? Parse(string manifest)
    {
        try
        {
            return JsonNode.Parse(manifest, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException)
        {
            // The host stored it only after parsing it, so this is a stream edited by hand;
            // the text itself then stands as one value to compare.
            return JsonValue.Create(manifest);
        }
    }

    private static void Walk(string path, List<Slot> slots, List<ManifestDifference> differences)
    {
        if (slots.All(s => s.Present && s.Node is JsonObject))
        {
            IEnumerable<string> keys = slots.SelectMany(s => ((JsonObject)s.Node!).Select(p => p.Key)).Distinct();
            foreach (string key in keys.ToList())
            {
                Walk(Child(path, key), slots.Select(s => Member((JsonObject)s.Node!, key)).ToList(), differences);
            }
            return;
        }
        if (slots.All(s => s.Present && s.Node is JsonArray)
            && slots.Select(s => ((JsonArray)s.Node!).Count).Distinct().Count() == 1)
        {
            int count = ((JsonArray)slots[0].Node!).Count;
            for (int i = 0; i < count; i++)
            {
                Walk($"{path}[{i}]", slots.Select(s => new Slot(true, ((JsonArray)s.Node!)[i])).ToList(), differences);
            }
            return;
        }
        Slot first = slots[0];
        bool same = slots.All(s => s.Present == first.Present && JsonNode.DeepEquals(s.Node, first.Node));
        if (!same)
        {
            differences.Add(new ManifestDifference(path,
                slots.Select(s => s.Present ? s.Node?.ToJsonString() ?? "null" : null).ToList()));
        }
    }

    private static Slot Member(JsonObject node, string key) =>
        node.TryGetPropertyValue(key, out JsonNode? value) ? new Slot(true, value) : new Slot(false, null);

    private static string Child(string path, string key) =>
        IdentifierPattern().IsMatch(key) ? $"{path}.{key}" : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    private readonly record struct Slot(bool Present, JsonNode? Node);
}
