namespace DogGan.Host.Manifests;

/// <summary>Command-line values that win over the manifest's; null leaves the manifest's value.</summary>
internal sealed record ManifestOverrides(string? DataFolder = null, int? Epochs = null, string? Device = null)
{
    public static readonly ManifestOverrides None = new();

    /// <summary>The overrides as <c>key=value</c> lines, for the experiment-started event.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        if (DataFolder is not null)
        {
            lines.Add($"data.folder={DataFolder}");
        }

        if (Epochs is not null)
        {
            lines.Add($"training.epochs={Epochs}");
        }

        if (Device is not null)
        {
            lines.Add($"device={Device}");
        }

        return lines;
    }
}
