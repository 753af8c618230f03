using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using Microsoft.Extensions.Logging;

namespace DogGan.Host.Plugins;

/// <summary>
/// Every plugin found in the plugin folders, by kind and name. Each DLL is loaded and composed
/// on its own, so a DLL that is not a plugin, or that fails to load, is reported by name and
/// skipped while the others still load.
/// </summary>
internal sealed class PluginCatalog
{
    /// <summary>Folders separated by the platform's path separator, searched after the built-in one.</summary>
    public const string FoldersVariable = "DOGGAN_PLUGINS";

    private static readonly (PluginKind Kind, Type Contract)[] Contracts =
    [
        (PluginKind.Crop, typeof(ICropPlugin)),
        (PluginKind.Loss, typeof(ILossPlugin)),
        (PluginKind.Averager, typeof(IAveragerPlugin)),
        (PluginKind.Architecture, typeof(IArchitecturePlugin)),
        (PluginKind.FeatureExtractor, typeof(IFeatureExtractorPlugin)),
    ];

    private readonly Dictionary<(PluginKind, string), PluginDescriptor> _plugins;

    private PluginCatalog(
        IReadOnlyList<string> folders,
        Dictionary<(PluginKind, string), PluginDescriptor> plugins,
        IReadOnlyList<PluginLoadProblem> problems)
    {
        Folders = folders;
        _plugins = plugins;
        Problems = problems;
    }

    /// <summary>The folders searched, in order.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Files that gave no plugins and why, for honest listing.</summary>
    public IReadOnlyList<PluginLoadProblem> Problems { get; }

    /// <summary>All plugins, ordered by kind then name.</summary>
    public IEnumerable<PluginDescriptor> All =>
        _plugins.Values.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>
    /// The built-in plugins folder beside the host, then <paramref name="extra"/>, then DOGGAN_PLUGINS.
    /// </summary>
    public static IReadOnlyList<string> DefaultFolders(IEnumerable<string>? extra = null)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, "plugins") };
        folders.AddRange(extra ?? []);
        string? fromEnvironment = Environment.GetEnvironmentVariable(FoldersVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            folders.AddRange(fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        return folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Loads every *.dll in <paramref name="folders"/> (not recursive).</summary>
    public static PluginCatalog Load(IReadOnlyList<string> folders, ILogger logger)
    {
        var plugins = new Dictionary<(PluginKind, string), PluginDescriptor>();
        var problems = new List<PluginLoadProblem>();
        foreach (string folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                logger.LogDebug("Plugins folder {Folder} does not exist; nothing loaded from it", folder);
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                LoadFile(path, plugins, problems, logger);
            }
        }

        foreach (PluginLoadProblem problem in problems)
        {
            logger.LogWarning("Skipped {Path}: {Reason}; the other plugins are still available", problem.Path,
                problem.Reason);
        }

        return new PluginCatalog(folders, plugins, problems);
    }

    /// <summary>
    /// The plugin of <paramref name="kind"/> named <paramref name="name"/>, or a ManifestException listing
    /// the choices.
    /// </summary>
    public PluginDescriptor Get(PluginKind kind, string name, string jsonPath)
    {
        if (_plugins.TryGetValue((kind, name), out PluginDescriptor? plugin))
        {
            return plugin;
        }

        throw new ManifestException(
            $"{jsonPath}: unknown {KindLabel(kind)} plugin '{name}'; available: {string.Join(", ", Names(kind))}");
    }

    /// <summary>The names of one kind, sorted.</summary>
    public IReadOnlyList<string> Names(PluginKind kind) =>
        _plugins.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2).Order(StringComparer.Ordinal).ToList();

    /// <summary>The word manifests and listings use for a kind.</summary>
    public static string KindLabel(PluginKind kind) => kind switch
    {
        PluginKind.Crop => "crop",
        PluginKind.Loss => "loss",
        PluginKind.Averager => "averager",
        PluginKind.Architecture => "architecture",
        PluginKind.FeatureExtractor => "features",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void LoadFile(
        string path,
        Dictionary<(PluginKind, string), PluginDescriptor> plugins,
        List<PluginLoadProblem> problems,
        ILogger logger)
    {
        string fileName = Path.GetFileNameWithoutExtension(path);
        if (IsSharedAssembly(fileName))
        {
            // A stray copy of an assembly the host shares with plugins is harmless once the
            // load context prefers the host's copy, but it is a packaging mistake worth naming.
            problems.Add(new PluginLoadProblem(path, $"{fileName} belongs to the host, not in a plugins folder"));
            return;
        }

        Assembly assembly;
        List<(PluginKind Kind, Lazy<object, PluginMetadata> Export)> exports;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
            exports = Compose(assembly);
        }
        catch (BadImageFormatException)
        {
            problems.Add(new PluginLoadProblem(path, "not a .NET assembly"));
            return;
        }
        catch (Exception error) when (error is ReflectionTypeLoadException or FileLoadException
                                           or FileNotFoundException or TypeLoadException
                                           or CompositionFailedException)
        {
            problems.Add(new PluginLoadProblem(path, $"failed to load: {FirstLine(error)}"));
            return;
        }

        if (exports.Count == 0)
        {
            problems.Add(new PluginLoadProblem(path, "no DogGan plugin exports in it"));
            return;
        }

        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                         ?? assembly.GetName().Version?.ToString() ?? "unknown";
        foreach ((PluginKind kind, Lazy<object, PluginMetadata> export) in exports)
        {
            PluginMetadata metadata = export.Metadata;
            if (string.IsNullOrWhiteSpace(metadata.Name))
            {
                problems.Add(new PluginLoadProblem(path, $"a {KindLabel(kind)} export has no [Plugin] name"));
                continue;
            }

            var descriptor = new PluginDescriptor(kind, metadata.Name, metadata.Description, OptionsOf(metadata),
                assembly.GetName().Name ?? fileName, version, path, () => export.Value);
            if (plugins.TryGetValue((kind, metadata.Name), out PluginDescriptor? first))
            {
                problems.Add(new PluginLoadProblem(path,
                    $"{KindLabel(kind)} plugin '{metadata.Name}' is already provided by {first.AssemblyPath}; "
                    + "kept that one"));
                continue;
            }

            plugins[(kind, metadata.Name)] = descriptor;
            logger.LogDebug("Found {Kind} plugin {Name} in {Path}", KindLabel(kind), metadata.Name, path);
        }
    }

    private static List<(PluginKind, Lazy<object, PluginMetadata>)> Compose(Assembly assembly)
    {
        // GetTypes forces every type to load now, so a broken DLL fails here, by name,
        // rather than later inside composition.
        _ = assembly.GetTypes();
        using CompositionHost container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
        var found = new List<(PluginKind, Lazy<object, PluginMetadata>)>();
        foreach ((PluginKind kind, Type contract) in Contracts)
        {
            Type lazyType = typeof(Lazy<,>).MakeGenericType(contract, typeof(PluginMetadata));
            foreach (object lazy in container.GetExports(lazyType))
            {
                found.Add((kind, Rewrap(lazy, contract)));
            }
        }

        return found;
    }

    // Lazy<ICropPlugin, M> is not a Lazy<object, M>; rewrap without forcing creation.
    private static Lazy<object, PluginMetadata> Rewrap(object lazy, Type contract)
    {
        Type lazyType = typeof(Lazy<,>).MakeGenericType(contract, typeof(PluginMetadata));
        var metadata = (PluginMetadata)lazyType.GetProperty(nameof(Lazy<object, PluginMetadata>.Metadata))!
            .GetValue(lazy)!;
        PropertyInfo value = lazyType.GetProperty(nameof(Lazy<object>.Value))!;
        return new Lazy<object, PluginMetadata>(() => value.GetValue(lazy)!, metadata);
    }

    private static IReadOnlyList<PluginOptionInfo> OptionsOf(PluginMetadata metadata)
    {
        string[] names = metadata.OptionName ?? [];
        string[] defaults = metadata.OptionDefault ?? [];
        string[] descriptions = metadata.OptionDescription ?? [];
        return names.Select((name, i) => new PluginOptionInfo(name, defaults.ElementAtOrDefault(i) ?? "null",
            descriptions.ElementAtOrDefault(i) ?? "")).ToList();
    }

    private static bool IsSharedAssembly(string name) =>
        name is "DogGan.Contracts" or "TorchSharp" || name.StartsWith("System.Composition", StringComparison.Ordinal);

    private static string FirstLine(Exception error)
    {
        Exception inner = error is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : error;
        return inner.Message.Split('\n')[0].Trim();
    }
}
