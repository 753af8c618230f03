namespace DogGan.Host;

/// <summary>
/// Where the host keeps things on a user's machine, following the XDG base directories so a
/// user can move them with the usual variables (or DOGGAN_CACHE for the crop cache alone).
/// </summary>
internal static class HostPaths
{
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("DOGGAN_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Xdg("XDG_CACHE_HOME", ".cache"), "doggan");

    public static string CropCache => Path.Combine(CacheRoot, "crops");

    public static string ConfigRoot => Path.Combine(Xdg("XDG_CONFIG_HOME", ".config"), "doggan");

    public static string DataRoot => Path.Combine(Xdg("XDG_DATA_HOME", Path.Combine(".local", "share")), "doggan");

    private static string Xdg(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), fallback);
}
