using System.Reflection;
using System.Text;
using DogGan.Contracts.Plugins;

namespace DogGan.Tests.Plugins;

/// <summary>
/// Builds a plugin's options the way the host does when a manifest sets none: every declared
/// option at its declared default, with <paramref name="overrides"/> (JSON text) on top.
/// </summary>
internal static class DefaultOptions
{
    public static PluginOptions For<TPlugin>(params (string Name, string Json)[] overrides)
    {
        PluginAttribute plugin = typeof(TPlugin).GetCustomAttribute<PluginAttribute>()!;
        var values = typeof(TPlugin).GetCustomAttributes<PluginOptionAttribute>()
            .ToDictionary(o => o.OptionName, o => o.OptionDefault, StringComparer.Ordinal);
        foreach ((string name, string json) in overrides)
        {
            Assert.True(values.ContainsKey(name), $"{plugin.Name} declares no option {name}");
            values[name] = json;
        }

        var text = new StringBuilder("{");
        text.AppendJoin(", ", values.Select(v => $"\"{v.Key}\": {v.Value}"));
        text.Append('}');
        return PluginOptions.FromJson(plugin.Name, text.ToString());
    }
}
