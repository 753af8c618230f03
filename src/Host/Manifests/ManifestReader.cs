using System.Text.Json;
using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using DogGan.Host.Plugins;

namespace DogGan.Host.Manifests;

/// <summary>
/// Loads a manifest file, validates every key against the schema below and every plugin and
/// option against the catalog, and creates each plugin once so that its own range checks run
/// too: a bad manifest fails before any data is read or any network is built.
/// </summary>
internal static class ManifestReader
{
    public const int MaxEpochs = 1_000_000;
    public static readonly string[] Devices = ["cpu", "cuda"];

    private static readonly string[] RootKeys =
        ["name", "description", "seed", "device", "threads", "data", "architecture", "loss", "averager",
         "optimizer", "training", "outputs", "scoring"];

    private static readonly string[] DataKeys =
        ["folder", "crops", "imageSize", "maxImages", "flipProbability", "rotateProbability", "rotateDegrees"];

    private static readonly string[] PluginKeys = ["plugin", "options"];
    private static readonly string[] OptimizerKeys = ["learningRate", "beta1", "beta2"];
    private static readonly string[] TrainingKeys = ["epochs", "batchSize", "timeLimitSeconds"];
    private static readonly string[] OutputKeys = ["samplesEvery", "sampleGrid", "checkpointEvery", "keepCheckpoints"];
    private static readonly string[] ScoringKeys = ["every", "images", "features"];

    public static ExperimentManifest Load(string path, PluginCatalog catalog, ManifestOverrides overrides)
    {
        if (!File.Exists(path))
        {
            throw new ManifestException($"{path}: manifest not found; give the path of a JSON file such as "
                                        + "experiments/smoke.json");
        }

        return Parse(File.ReadAllText(path), path, catalog, overrides);
    }

    public static ExperimentManifest Parse(string json, string path, PluginCatalog catalog, ManifestOverrides overrides)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException error)
        {
            throw new ManifestException(
                $"{path}: not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): "
                + error.Message.Split('.')[0]);
        }

        using (document)
        {
            var root = new JsonObjectReader(document.RootElement, "$", path, RootKeys);
            string baseFolder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            string device = overrides.Device ?? root.Choice("device", "cpu", Devices);
            if (!Devices.Contains(device))
            {
                throw new ManifestException(
                    $"--device: \"{device}\" is not valid; choose one of: {string.Join(", ", Devices)}");
            }

            return new ExperimentManifest(
                Name: root.RequiredString("name"),
                Description: root.OptionalString("description"),
                Seed: root.OptionalInt64("seed", 0, long.MaxValue),
                Device: device,
                Threads: root.OptionalInt32("threads", 1, 1024),
                Data: ReadData(root, baseFolder, catalog, overrides),
                Architecture: ReadPlugin(root, "architecture", PluginKind.Architecture, catalog, required: true)!,
                Loss: ReadPlugin(root, "loss", PluginKind.Loss, catalog, required: true)!,
                Averager: ReadPlugin(root, "averager", PluginKind.Averager, catalog, required: false)
                          ?? Default(PluginKind.Averager, "none", catalog, "$.averager"),
                Optimizer: ReadOptimizer(root.OptionalObject("optimizer", OptimizerKeys)),
                Training: ReadTraining(root.OptionalObject("training", TrainingKeys), overrides),
                Outputs: ReadOutputs(root.OptionalObject("outputs", OutputKeys)),
                SourcePath: path,
                SourceJson: json,
                Overrides: overrides.Describe(),
                Scoring: ReadScoring(root.OptionalObject("scoring", ScoringKeys), catalog, root));
        }
    }

    private static DataSection ReadData(
        JsonObjectReader root, string baseFolder, PluginCatalog catalog, ManifestOverrides overrides)
    {
        JsonObjectReader data = root.Object("data", DataKeys);
        // A folder in the manifest is relative to the manifest; one on the command line is
        // relative to where the user typed it.
        string folder = overrides.DataFolder is { } given
            ? Path.GetFullPath(given)
            : Path.GetFullPath(Path.Combine(baseFolder, data.RequiredString("folder")));
        var crops = new List<PluginChoice>();
        foreach ((JsonElement item, string itemPath) in data.Array("crops", minLength: 1))
        {
            crops.Add(item.ValueKind == JsonValueKind.String
                ? Resolve(PluginKind.Crop, item.GetString()!, null, catalog, itemPath, root)
                : ReadPluginObject(new JsonObjectReader(item, itemPath, FileOf(root), PluginKeys), PluginKind.Crop,
                    catalog, root));
        }

        return new DataSection(
            folder,
            crops,
            ImageSize: data.Int32("imageSize", 64, 64, 64),
            MaxImages: data.OptionalInt32("maxImages", 1, int.MaxValue),
            FlipProbability: data.Double("flipProbability", 0.5, 0, 1),
            RotateProbability: data.Double("rotateProbability", 0.3, 0, 1),
            RotateDegrees: data.Double("rotateDegrees", 5, 0, 180));
    }

    private static PluginChoice? ReadPlugin(
        JsonObjectReader root, string key, PluginKind kind, PluginCatalog catalog, bool required)
    {
        JsonObjectReader? section = required ? root.Object(key, PluginKeys) : root.OptionalObject(key, PluginKeys);
        return section is null ? null : ReadPluginObject(section, kind, catalog, root);
    }

    private static PluginChoice ReadPluginObject(
        JsonObjectReader section, PluginKind kind, PluginCatalog catalog, JsonObjectReader root)
    {
        string name = section.RequiredString("plugin");
        return Resolve(kind, name, section.Raw("options"), catalog, section.At("plugin"), root, section.At("options"));
    }

    private static PluginChoice Default(PluginKind kind, string name, PluginCatalog catalog, string path) =>
        Resolve(kind, name, null, catalog, path, root: null);

    private static PluginChoice Resolve(
        PluginKind kind,
        string name,
        JsonElement? given,
        PluginCatalog catalog,
        string namePath,
        JsonObjectReader? root,
        string? optionsPath = null)
    {
        string file = root is null ? "manifest" : FileOf(root);
        PluginDescriptor plugin;
        try
        {
            plugin = catalog.Get(kind, name, namePath);
        }
        catch (ManifestException error)
        {
            throw new ManifestException($"{file}: {error.Message}");
        }

        optionsPath ??= namePath.EndsWith(".plugin", StringComparison.Ordinal) ? namePath[..^7] + ".options" : namePath;
        Dictionary<string, JsonElement> values = MergeOptions(plugin, given, optionsPath, file);
        var options = new PluginOptions(plugin.Name, optionsPath, values);
        var choice = new PluginChoice(plugin, options, JsonSerializer.Serialize(values));
        try
        {
            // Creating the component runs the plugin's own range checks now, before any work.
            object component = kind switch
            {
                PluginKind.Crop => choice.Create<ICropStrategy>(),
                PluginKind.Loss => choice.Create<IGanLoss>(),
                PluginKind.Averager => choice.Create<IWeightAverager>(),
                PluginKind.Architecture => choice.Create<IGanArchitecture>(),
                PluginKind.FeatureExtractor => choice.Create<IFeatureExtractor>(),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such plugin kind"),
            };
            (component as IDisposable)?.Dispose();
        }
        catch (ManifestException error)
        {
            throw new ManifestException($"{file}: {error.Message}");
        }

        return choice;
    }

    private static Dictionary<string, JsonElement> MergeOptions(
        PluginDescriptor plugin, JsonElement? given, string path, string file)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (PluginOptionInfo option in plugin.Options)
        {
            using JsonDocument parsed = JsonDocument.Parse(option.DefaultJson);
            values[option.Name] = parsed.RootElement.Clone();
        }

        if (given is not { } supplied)
        {
            return values;
        }

        if (supplied.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestException($"{file}: {path}: {supplied.GetRawText()} is not valid; expected an object");
        }

        foreach (JsonProperty property in supplied.EnumerateObject())
        {
            if (!values.TryGetValue(property.Name, out JsonElement fallback))
            {
                string known = plugin.Options.Count == 0
                    ? "none"
                    : string.Join(", ", plugin.Options.Select(o => o.Name));
                throw new ManifestException(
                    $"{file}: {path}.{property.Name}: plugin '{plugin.Name}' has no such option; its options: {known}");
            }

            if (KindOf(property.Value) != KindOf(fallback))
            {
                throw new ManifestException(
                    $"{file}: {path}.{property.Name}: {property.Value.GetRawText()} is not valid; expected "
                    + $"{Describe(fallback)} like the default {fallback.GetRawText()}");
            }

            values[property.Name] = property.Value.Clone();
        }

        return values;
    }

    private static OptimizerSection ReadOptimizer(JsonObjectReader? section) => new(
        LearningRate: section?.Double("learningRate", 5e-4, 1e-8, 1) ?? 5e-4,
        Beta1: section?.Double("beta1", 0.3, 0, 0.9999) ?? 0.3,
        Beta2: section?.Double("beta2", 0.999, 0, 0.99999999) ?? 0.999);

    private static TrainingSection ReadTraining(JsonObjectReader? section, ManifestOverrides overrides)
    {
        if (overrides.Epochs is < 1 or > MaxEpochs)
        {
            throw new ManifestException(
                $"--epochs: {overrides.Epochs} is not valid; expected a whole number from 1 to {MaxEpochs}");
        }

        return new TrainingSection(
            Epochs: overrides.Epochs ?? section?.Int32("epochs", 1, 1, MaxEpochs) ?? 1,
            BatchSize: section?.Int32("batchSize", 32, 2, 4096) ?? 32,
            TimeLimitSeconds: section?.OptionalDouble("timeLimitSeconds", 1, 1e9));
    }

    private static OutputSection ReadOutputs(JsonObjectReader? section) => new(
        SamplesEvery: section?.Int32("samplesEvery", 1, 1, MaxEpochs) ?? 1,
        SampleGrid: section?.Int32("sampleGrid", 8, 1, 32) ?? 8,
        CheckpointEvery: section?.Int32("checkpointEvery", 10, 1, MaxEpochs) ?? 10,
        KeepCheckpoints: section?.Int32("keepCheckpoints", 2, 1, 1000) ?? 2);

    // FID needs at least two images for a covariance; the extractor is created once here like
    // every other plugin, so a missing model file fails before any data is read.
    private static ScoringSection? ReadScoring(
        JsonObjectReader? section, PluginCatalog catalog, JsonObjectReader root) =>
        section is null
            ? null
            : new ScoringSection(
                Every: section.Int32("every", 10, 1, MaxEpochs),
                Images: section.Int32("images", 1000, 2, Scoring.SubmissionGenerator.MaxCount),
                Features: ReadPluginObject(section.Object("features", PluginKeys), PluginKind.FeatureExtractor,
                    catalog, root));

    private static JsonValueKind KindOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;

    private static string Describe(JsonElement value) => KindOf(value) switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true or false",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "a value",
    };

    private static string FileOf(JsonObjectReader root) => root.File;
}
