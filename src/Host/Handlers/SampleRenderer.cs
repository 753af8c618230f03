using DogGan.Contracts.Events;
using DogGan.Host.Messages;
using DogGan.Host.Training;
using Mediator;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace DogGan.Host.Handlers;

/// <summary>
/// Writes each epoch's samples as one PNG grid under the run folder and queues the
/// samples-rendered event with the file's hash, so the history can prove which picture
/// belongs to which epoch.
/// </summary>
internal sealed class SampleRenderer : INotificationHandler<EpochEnded>
{
    private const int Padding = 2;

    public ValueTask Handle(EpochEnded notification, CancellationToken cancellationToken)
    {
        if (notification.Samples is not { } samples)
        {
            return ValueTask.CompletedTask;
        }

        string relative = Path.Combine("samples", $"epoch-{notification.Stats.Epoch:D4}.png");
        string path = Path.Combine(notification.Run.RunFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int grid = notification.SampleGrid;
        using (Image<Rgb24> image = Render(samples, grid))
        {
            string temporary = path + ".partial";
            image.SaveAsPng(temporary);
            File.Move(temporary, path, overwrite: true);
        }

        notification.Run.Recorder.Append(
            new SamplesRendered(notification.Stats.Epoch, relative, Checkpoint.Sha256Of(path), grid, grid));
        return ValueTask.CompletedTask;
    }

    /// <summary>Lays out (N, 3, S, S) uint8 pixels as a grid with a dark border between cells.</summary>
    internal static Image<Rgb24> Render(torch.Tensor samples, int grid)
    {
        int count = (int)samples.shape[0];
        int size = (int)samples.shape[2];
        int side = grid * size + (grid + 1) * Padding;
        var image = new Image<Rgb24>(side, side, new Rgb24(16, 16, 16));
        // One copy to managed memory in HWC order; then plain loops over rows.
        using torch.Tensor hwc = samples.permute(0, 2, 3, 1).contiguous();
        byte[] pixels = hwc.data<byte>().ToArray();
        image.ProcessPixelRows(rows =>
        {
            for (int n = 0; n < Math.Min(count, grid * grid); n++)
            {
                int left = Padding + n % grid * (size + Padding);
                int top = Padding + n / grid * (size + Padding);
                for (int y = 0; y < size; y++)
                {
                    Span<Rgb24> row = rows.GetRowSpan(top + y);
                    int offset = ((n * size) + y) * size * 3;
                    for (int x = 0; x < size; x++)
                    {
                        int p = offset + (x * 3);
                        row[left + x] = new Rgb24(pixels[p], pixels[p + 1], pixels[p + 2]);
                    }
                }
            }
        });
        return image;
    }
}
