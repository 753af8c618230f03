using System.Security.Cryptography;
using DogGan.Contracts.Events;
using DogGan.Host.History;

namespace DogGan.Host.Reports;

/// <summary>
/// Copies a run's sample grids into the report folder, each only after its SHA-256 matched
/// the one its event recorded, so the page never shows a picture the run did not make.
/// </summary>
internal static class SampleCopier
{
    /// <summary>One entry per current samples-rendered event, in stream order; none is left out.</summary>
    public static IReadOnlyList<SampleImage> Copy(
        RunHistory run, string reportFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        string runFolder = Path.GetFullPath(run.Started.RunFolder);
        string relativeFolder = $"samples/{run.RunId:N}";
        var images = new List<SampleImage>();
        foreach (SamplesRendered sample in run.Samples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string source = Path.GetFullPath(Path.Combine(runFolder, sample.Path));
            if (!source.StartsWith(runFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                images.Add(new SampleImage(sample, SampleStatus.OutsideRunFolder, source, null, null));
                continue;
            }
            if (!File.Exists(source))
            {
                images.Add(new SampleImage(sample, SampleStatus.Missing, source, null, null));
                continue;
            }

            // Hash the very bytes that are copied, so a file rewritten in between cannot slip in.
            byte[] bytes = File.ReadAllBytes(source);
            string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, sample.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                images.Add(new SampleImage(sample, SampleStatus.Mismatched, source, null, actual));
                continue;
            }

            // Named by epoch, not by the recorded file name, so nothing in the stream can steer
            // the copy out of the report folder. Each epoch has one grid: the trainer renders
            // at most one an epoch, and RunHistory leaves out the grids of epochs a resume
            // superseded (whose file the resumed epoch has since overwritten).
            string name = $"epoch-{sample.Epoch:D4}.png";
            string reportPath = $"{relativeFolder}/{name}";
            string destination = Path.Combine(reportFolder, relativeFolder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.WriteAllBytes(destination, bytes);
            images.Add(new SampleImage(sample, SampleStatus.Copied, source, reportPath, actual));
        }
        return images;
    }
}
