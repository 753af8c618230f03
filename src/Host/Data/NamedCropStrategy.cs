using DogGan.Contracts.Plugins;

namespace DogGan.Host.Data;

/// <summary>A crop strategy with the plugin name and options it was made from (both go into the cache key).</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="OptionsJson">The options in force, defaults included, as JSON text.</param>
/// <param name="Strategy">The strategy the plugin created.</param>
internal sealed record NamedCropStrategy(string Name, string OptionsJson, ICropStrategy Strategy);
