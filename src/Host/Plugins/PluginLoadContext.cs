using System.Reflection;
using System.Runtime.Loader;

namespace DogGan.Host.Plugins;

/// <summary>
/// Loads one plugin assembly and its private dependencies in isolation, while everything the
/// host already has (DogGan.Contracts, TorchSharp, System.Composition and the framework) comes
/// from the host's own context. Sharing matters: a plugin that carried its own copy of
/// DogGan.Contracts would export a different ICropPlugin type than the one the host asks MEF
/// for, and composition would silently find nothing.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public PluginLoadContext(string pluginPath)
        : base($"plugin:{Path.GetFileName(pluginPath)}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(pluginPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Prefer the host's copy of anything it can load itself; only what the host lacks
        // comes from beside the plugin.
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
            string? path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
