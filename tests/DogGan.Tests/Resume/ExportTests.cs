using System.IO.Compression;
using DogGan.Contracts.Events;
using DogGan.Contracts.Plugins;
using DogGan.Host.Handlers;
using DogGan.Host.Messages;
using DogGan.Host.Store;
using DogGan.Host.Training;
using DogGan.Plugins.Architectures;
using DogGan.Tests.Plugins;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace DogGan.Tests.Resume;

/// <summary>
/// <c>host export --format pytorch</c> writes the averaged generator as a PyTorch state_dict:
/// read back through PyBridge's loader into a fresh generator, it draws the run's last sample
/// grid pixel for pixel, so the file is the generator the run showed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExportTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "resume_export";
    private readonly TempFolder _folder = new("resume-export");

    [Fact]
    public async Task Export_Pytorch_LoadsBackIntoAGeneratorThatDrawsTheRunsLastSampleGrid()
    {
        var harness = new TinyRuns(postgres.ConnectionString, Schema, _folder);
        RunOutcome run = await harness.RunAsync(
            harness.WriteManifest(ResumeRuns.Manifest("export", epochs: 2, samplesEvery: 1)));
        string output = _folder.Combine("out", "generator.pt");

        ExportOutcome exported = await harness.ExportAsync(run.RunId, output);

        Assert.Equal((output, 2), (exported.Path, exported.Epoch));
        // torch.save's layout: a zip whose archive holds data.pkl, the tensors' storages and a version.
        using (ZipArchive zip = ZipFile.OpenRead(output))
        {
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/version", StringComparison.Ordinal));
        }

        IGanArchitecture architecture = new DcganArchitecturePlugin().Create(
            DefaultOptions.For<DcganArchitecturePlugin>(("ch", "2"), ("nz", "16")));
        using nn.Module<Tensor, Tensor> generator = architecture.CreateGenerator();
        var loaded = new Dictionary<string, bool>();
        generator.load_py(output, strict: true, loadedParameters: loaded);
        Assert.Equal(generator.state_dict().Keys.Order(), loaded.Where(p => p.Value).Select(p => p.Key).Order());
        Assert.Equal(generator.state_dict().Keys.Order(), exported.Tensors.Order());

        RunStore store = await postgres.StoreAsync(Schema);
        SamplesRendered last = (await store.ReadStreamAsync(run.RunId)).Select(e => e.Data)
            .OfType<SamplesRendered>().Single(s => s.Epoch == 2);
        generator.eval();
        using (torch.no_grad())
        using (Tensor noise = Trainer.FixedNoise(seed: 11, grid: 4, latent: 16))
        using (Tensor pixels = Trainer.ToPixels(generator.call(noise)))
        using (Image<Rgb24> drawn = SampleRenderer.Render(pixels, 4))
        using (Image<Rgb24> recorded = Image.Load<Rgb24>(Path.Combine(run.RunFolder, last.Path)))
        {
            Assert.Equal(Pixels(recorded), Pixels(drawn));
        }
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] Pixels(Image<Rgb24> image)
    {
        byte[] bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }
}
