using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Plugins.Metrics;

/// <summary>
/// A feature network loaded from a TorchScript file, run in evaluation mode on the CPU. The
/// 64x64 images are resized bilinearly to the model's input side and mapped to its pixel
/// range; outputs of shape (N, W) or (N, W, 1, 1) are flattened to (N, W).
/// </summary>
public sealed class TorchScriptExtractor : IFeatureExtractor
{
    private readonly jit.ScriptModule<Tensor, Tensor> _model;
    private readonly int _inputSize;
    private readonly bool _zeroToOne;

    private TorchScriptExtractor(
        jit.ScriptModule<Tensor, Tensor> model, string path, int width, int inputSize, bool zeroToOne)
    {
        _model = model;
        Path = path;
        Width = width;
        _inputSize = inputSize;
        _zeroToOne = zeroToOne;
        Fingerprint = $"sha256:{Sha256Of(path)}";
    }

    /// <inheritdoc />
    public string Name => "torchscript";

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public string Fingerprint { get; }

    /// <inheritdoc />
    public bool IsProxy => false;

    /// <summary>Loads the model and checks its output width on a probe batch of two images.</summary>
    /// <exception cref="PluginException">The file is missing, is not TorchScript, does not take
    /// (N, 3, S, S) images, or gives another width.</exception>
    public static TorchScriptExtractor Load(string path, int width, int inputSize, bool zeroToOne)
    {
        if (!File.Exists(path))
        {
            throw new PluginException(
                $"torchscript: model file {path} not found; give the path of a TorchScript file (torch.jit.save)");
        }

        jit.ScriptModule<Tensor, Tensor> model;
        try
        {
            model = jit.load<Tensor, Tensor>(path);
        }
        catch (Exception error) when (error is ExternalException or InvalidOperationException or ArgumentException)
        {
            throw new PluginException(
                $"torchscript: {path} is not a TorchScript model ({FirstLine(error)}); save one with torch.jit.save");
        }

        var extractor = new TorchScriptExtractor(model, path, width, inputSize, zeroToOne);
        try
        {
            extractor.CheckWidth();
            return extractor;
        }
        catch
        {
            extractor.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Tensor Extract(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor input = images.to(float32);
            if (_zeroToOne)
            {
                input = input.add(1).div(2);
            }

            if (_inputSize != input.shape[2] || _inputSize != input.shape[3])
            {
                input = nn.functional.interpolate(input, [_inputSize, _inputSize], mode: InterpolationMode.Bilinear,
                    align_corners: false);
            }

            Tensor features = _model.call(input);
            return features.reshape(features.shape[0], -1).to(float32).MoveToOuterDisposeScope();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private void CheckWidth()
    {
        _model.eval();
        long found;
        try
        {
            using Tensor probe = zeros([2, 3, 64, 64]);
            using Tensor features = Extract(probe);
            found = features.shape[0] == 2 ? features.shape[1] : -1;
        }
        catch (Exception error) when (error is ExternalException or InvalidOperationException or ArgumentException)
        {
            throw new PluginException(
                $"torchscript: {Path} fails on a (2, 3, {_inputSize}, {_inputSize}) image batch "
                + $"({FirstLine(error)}); it must take images and return one feature row per image");
        }

        if (found != Width)
        {
            throw new PluginException(
                $"torchscript: {Path} gives features of width {found.ToString(CultureInfo.InvariantCulture)}, "
                + $"not the {Width} of option width; set width to the model's, or use the pool3 model");
        }
    }

    private static string Sha256Of(string path)
    {
        using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static string FirstLine(Exception error) => error.Message.Split('\n')[0].Trim();
}
