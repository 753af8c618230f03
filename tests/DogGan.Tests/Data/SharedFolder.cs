namespace DogGan.Tests.Data;

/// <summary>
/// Finds the project's shared/ folder (reference data and the dogs subset), which tests read in
/// place and never copy. DOGGAN_SHARED wins; otherwise the first shared/ holding RECIPE.md on
/// the way up from the test binaries (a clone sits beside shared/, a worktree two levels below).
/// </summary>
internal static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Dogs => System.IO.Path.Combine(Path, "data", "dogs");

    public static string Reference(params string[] parts) =>
        System.IO.Path.Combine([Path, "reference", .. parts]);

    private static string Find()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("DOGGAN_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? System.IO.Path.GetFullPath(fromEnvironment)
                : throw new DirectoryNotFoundException($"DOGGAN_SHARED={fromEnvironment} is not a folder");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            string candidate = System.IO.Path.Combine(folder.FullName, "shared");
            if (File.Exists(System.IO.Path.Combine(candidate, "RECIPE.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"no shared/ with RECIPE.md above {AppContext.BaseDirectory}; set DOGGAN_SHARED to its path");
    }
}
