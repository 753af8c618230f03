namespace DogGan.Tests;

/// <summary>Finds the repository and the shared folder beside it from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp("DogGan.sln")
        ?? throw new InvalidOperationException($"no DogGan.sln above {AppContext.BaseDirectory}");

    public static string Experiments => Path.Combine(Root, "experiments");

    /// <summary>The shared folder: $DOGGAN_SHARED, else shared/ beside the repository (or above it).</summary>
    public static string Shared { get; } = Environment.GetEnvironmentVariable("DOGGAN_SHARED") is { Length: > 0 } given
        ? given
        : FindUpFolder("shared", Root) ?? throw new InvalidOperationException(
            $"no shared/ folder above {Root}; set DOGGAN_SHARED to it");

    public static string Dogs => Path.Combine(Shared, "data", "dogs");

    public static string Reference => Path.Combine(Shared, "reference");

    private static string? FindUp(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, file)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? FindUpFolder(string name, string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(Path.Combine(candidate, "reference")))
            {
                return candidate;
            }
        }

        return null;
    }
}
