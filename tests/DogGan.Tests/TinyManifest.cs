using System.Text.Json;
using System.Text.Json.Nodes;
using DogGan.Tests.Data;

namespace DogGan.Tests;

/// <summary>
/// A tiny recipe on real dogs for tests that train: dcgan with ch 2, hard-margin, EMA, batch
/// 32, a few dozen images. The defaults are what most of those tests want; each sets the rest.
/// </summary>
internal sealed record TinyManifest(string Name, int Epochs)
{
    public string? Description { get; init; }

    public long Seed { get; init; } = 11;

    public int Threads { get; init; } = 2;

    public IReadOnlyList<string> Crops { get; init; } = ["top-left", "padded-box"];

    public int MaxImages { get; init; } = 64;

    public int Nz { get; init; } = 16;

    /// <summary>The EMA plugin's options as JSON text; null leaves them at their defaults.</summary>
    public string? AveragerOptions { get; init; }

    public int SamplesEvery { get; init; } = 1;

    /// <summary>Cells a side of the sample grid; null leaves the host's default (8).</summary>
    public int? SampleGrid { get; init; }

    public int CheckpointEvery { get; init; } = 1;

    public int KeepCheckpoints { get; init; } = 2;

    /// <summary>The manifest's JSON text, keys in the order a person would write them.</summary>
    public string Json()
    {
        var averager = new JsonObject { ["plugin"] = "ema" };
        if (AveragerOptions is not null)
        {
            averager["options"] = JsonNode.Parse(AveragerOptions);
        }
        var outputs = new JsonObject { ["samplesEvery"] = SamplesEvery };
        if (SampleGrid is { } grid)
        {
            outputs["sampleGrid"] = grid;
        }
        outputs["checkpointEvery"] = CheckpointEvery;
        outputs["keepCheckpoints"] = KeepCheckpoints;

        var manifest = new JsonObject { ["name"] = Name };
        if (Description is not null)
        {
            manifest["description"] = Description;
        }
        manifest["seed"] = Seed;
        manifest["threads"] = Threads;
        manifest["data"] = new JsonObject
        {
            ["folder"] = SharedFolder.Dogs,
            ["crops"] = new JsonArray([.. Crops.Select(c => JsonValue.Create(c))]),
            ["maxImages"] = MaxImages,
        };
        manifest["architecture"] = new JsonObject
        {
            ["plugin"] = "dcgan",
            ["options"] = new JsonObject { ["ch"] = 2, ["nz"] = Nz },
        };
        manifest["loss"] = new JsonObject { ["plugin"] = "hard-margin" };
        manifest["averager"] = averager;
        manifest["training"] = new JsonObject { ["epochs"] = Epochs, ["batchSize"] = 32 };
        manifest["outputs"] = outputs;
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
