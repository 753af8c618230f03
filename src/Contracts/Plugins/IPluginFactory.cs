namespace DogGan.Contracts.Plugins;

/// <summary>
/// What every plugin export is: a factory that turns the manifest's options into a configured
/// component. The host creates one component per experiment; components need not be thread-safe.
/// </summary>
/// <typeparam name="T">The component the plugin provides.</typeparam>
public interface IPluginFactory<out T>
{
    /// <summary>Creates the component.</summary>
    /// <param name="options">Every option the plugin declared, the manifest's values over the defaults.</param>
    /// <exception cref="Errors.ManifestException">An option value is out of range (use the getters of
    /// <see cref="PluginOptions"/>: they throw it with the JSON path).</exception>
    T Create(PluginOptions options);
}
