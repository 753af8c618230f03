using System.Runtime.InteropServices;

namespace DogGan.Host.Training;

/// <summary>
/// Hands memory that libtorch freed back to the operating system at the end of each epoch.
/// The end of an epoch allocates in bursts that training never does (checkpoint
/// serialisation, sampling in evaluation mode, BatchNorm re-estimation); a caching allocator
/// keeps those pages, so resident memory would settle one burst higher without any leak.
/// Releasing them keeps the figure recorded per epoch a measure of what training holds.
/// With tcmalloc (preloaded by ./host) this is MallocExtension_ReleaseFreeMemory, with glibc
/// malloc_trim; elsewhere nothing. It costs a few milliseconds and some page faults next epoch.
/// </summary>
internal static unsafe class NativeHeap
{
    private static readonly delegate* unmanaged<void> TcmallocRelease = FindTcmalloc();
    private static readonly delegate* unmanaged<nuint, int> GlibcTrim = FindGlibc();

    public static void ReleaseFreeMemory()
    {
        if (TcmallocRelease != null)
        {
            TcmallocRelease();
        }
        else if (GlibcTrim != null)
        {
            _ = GlibcTrim(0);
        }
    }

    private static delegate* unmanaged<void> FindTcmalloc() =>
        OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libtcmalloc_minimal.so.4", out IntPtr library)
        && IsPreloaded()
        && NativeLibrary.TryGetExport(library, "MallocExtension_ReleaseFreeMemory", out IntPtr release)
            ? (delegate* unmanaged<void>)release
            : null;

    private static delegate* unmanaged<nuint, int> FindGlibc() =>
        OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libc.so.6", out IntPtr library)
        && NativeLibrary.TryGetExport(library, "malloc_trim", out IntPtr trim)
            ? (delegate* unmanaged<nuint, int>)trim
            : null;

    // Loading tcmalloc late does not make it the allocator; only a preloaded one owns the heap.
    private static bool IsPreloaded() =>
        Environment.GetEnvironmentVariable("LD_PRELOAD")?.Contains("tcmalloc", StringComparison.Ordinal) == true;
}
