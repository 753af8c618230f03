using System.Text.Json;

namespace DogGan.Tests.Golden;

/// <summary>
/// Finds the golden files of shared/reference/recipe: beside a clone that sits next to
/// <c>shared/</c>, found by walking up from the test binaries, or where DOGGAN_SHARED points.
/// </summary>
internal static class ReferenceFiles
{
    public static string SharedFolder()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("DOGGAN_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"DOGGAN_SHARED={fromEnvironment} does not exist");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "reference")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"no shared/ folder above {AppContext.BaseDirectory}; set DOGGAN_SHARED to its path");
    }

    /// <summary>Parses one of the recipe's golden files, e.g. <c>margin_loss.json</c>.</summary>
    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFolder(), "reference", "recipe", name)));

    public static double[] Doubles(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
