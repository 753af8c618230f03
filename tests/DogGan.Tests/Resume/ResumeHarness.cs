using System.Text;
using DogGan.Host;
using DogGan.Host.Manifests;
using DogGan.Host.Messages;
using DogGan.Tests.Data;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DogGan.Tests.Resume;

/// <summary>Tiny real runs for the resume tests: manifests, the host in-process, checkpoint bodies.</summary>
internal sealed class ResumeHarness(string connectionString, string schema, TempFolder folder)
{
    public string Runs => folder.Combine("runs");

    public string Cache => folder.Combine("cache");

    /// <summary>A tiny recipe on real dogs: ch 2, nz 16, batch 32, EMA with a bump at epoch 2.</summary>
    public string WriteManifest(
        string name, int epochs, int samplesEvery = 1, int checkpointEvery = 1, int keep = 2, int threads = 2,
        int maxImages = 64)
    {
        string path = folder.Combine($"{name}.json");
        File.WriteAllText(path, $$"""
            {
              "name": "{{name}}",
              "seed": 11,
              "threads": {{threads}},
              "data": {
                "folder": "{{SharedFolder.Dogs}}",
                "crops": ["top-left", "padded-box"],
                "maxImages": {{maxImages}}
              },
              "architecture": { "plugin": "dcgan", "options": { "ch": 2, "nz": 16 } },
              "loss": { "plugin": "hard-margin" },
              "averager": { "plugin": "ema", "options": { "bumpEpochs": [2], "bnBatches": 4 } },
              "training": { "epochs": {{epochs}}, "batchSize": 32 },
              "outputs": {
                "samplesEvery": {{samplesEvery}}, "sampleGrid": 4,
                "checkpointEvery": {{checkpointEvery}}, "keepCheckpoints": {{keep}}
              }
            }
            """);
        return path;
    }

    public Task<RunOutcome> RunAsync(string manifest, ManifestOverrides? overrides = null) =>
        SendAsync(new RunExperiment(manifest, overrides ?? ManifestOverrides.None, Runs, [], connectionString,
            Cache, schema));

    public Task<RunOutcome> ResumeAsync(Guid runId, int? epochs = null) =>
        SendAsync(new ResumeExperiment(runId.ToString(), epochs, [], connectionString, Cache, schema));

    public Task<ExportOutcome> ExportAsync(Guid runId, string output) =>
        SendAsync(new ExportRun(runId.ToString(), "pytorch", output, [], connectionString, schema));

    /// <summary>
    /// A checkpoint without its JSON header: the TorchSharp serialisations of G, D, both Adam
    /// states, the averager's tensors and the RNG state. The header differs between two runs
    /// by their run id, save time and manifest text, nothing a resume depends on.
    /// </summary>
    public static byte[] CheckpointBody(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal("DOGGANCK", Encoding.ASCII.GetString(bytes, 0, 8));
        int headerLength = BitConverter.ToInt32(bytes, 8);
        return bytes[(12 + headerLength)..];
    }

    private static async Task<T> SendAsync<T>(ICommand<T> command)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(new StringWriter()),
        });
        IServiceCollection services = HostServices.Create(console, LogLevel.Warning, logging => { });
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMediator>().Send(command);
    }
}
