using System.Composition;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;

namespace DogGan.Plugins.Metrics;

/// <summary>Exports <see cref="TorchScriptExtractor"/>: a feature network from a TorchScript file.</summary>
[Export(typeof(IFeatureExtractorPlugin))]
[Plugin("torchscript", "Features from a TorchScript model file, e.g. Inception pool3 (2048 wide) for Kaggle's MiFID")]
[PluginOption("path", "\"\"", "The TorchScript model file (torch.jit.save of a traced or scripted module)")]
[PluginOption("width", "2048", "Output width the model must give; checked on a probe batch")]
[PluginOption("inputSize", "299", "Side the 64x64 images are resized to (bilinear) before the model")]
[PluginOption("inputRange", "\"-1..1\"", "Pixel range the model expects: -1..1 or 0..1")]
public sealed class TorchScriptExtractorPlugin : IFeatureExtractorPlugin
{
    /// <summary>The values <c>inputRange</c> accepts.</summary>
    public static readonly IReadOnlyList<string> InputRanges = ["-1..1", "0..1"];

    /// <inheritdoc />
    public IFeatureExtractor Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = options.GetString("path");
        if (path.Length == 0)
        {
            throw new ManifestException(
                $"{options.JsonPath}.path: plugin '{options.PluginName}' needs a model file; "
                + "give --features-option path=FILE.pt (a TorchScript file)");
        }

        string range = options.GetString("inputRange");
        if (!InputRanges.Contains(range))
        {
            throw new ManifestException(
                $"{options.JsonPath}.inputRange: \"{range}\" is not valid for plugin '{options.PluginName}'; "
                + $"choose one of: {string.Join(", ", InputRanges)}");
        }

        return TorchScriptExtractor.Load(Path.GetFullPath(path), options.GetInt32("width", 1, 1 << 20),
            options.GetInt32("inputSize", 8, 4096), zeroToOne: range == "0..1");
    }
}
