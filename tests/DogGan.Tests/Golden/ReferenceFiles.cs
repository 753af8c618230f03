using System.Text.Json;

namespace DogGan.Tests.Golden;

/// <summary>The recipe's golden files under shared/reference/recipe (see Data.SharedFolder).</summary>
internal static class ReferenceFiles
{
    /// <summary>Parses one of the recipe's golden files, e.g. <c>margin_loss.json</c>.</summary>
    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Data.SharedFolder.Reference("recipe", name)));

    public static double[] Doubles(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
