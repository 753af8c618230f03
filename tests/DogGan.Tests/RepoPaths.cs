namespace DogGan.Tests;

/// <summary>Finds the repository from the test's output folder (the shared data: Data.SharedFolder).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp("DogGan.sln")
        ?? throw new InvalidOperationException($"no DogGan.sln above {AppContext.BaseDirectory}");

    public static string Experiments => Path.Combine(Root, "experiments");

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
}
