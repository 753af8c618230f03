namespace DogGan.Tests;

/// <summary>Temporary folders that delete themselves, and the shared data beside the repo.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string label = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"doggan-{label}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on another thread; the OS temp cleaner will get it.
        }
    }
}
