using DogGan.Contracts.Errors;
using DogGan.Contracts.Plugins;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>Runs an extractor over batches of images and gathers the rows.</summary>
internal static class FeatureExtraction
{
    /// <summary>(N, Width) float32 features of every image the batches hold; disposes each batch.</summary>
    public static Tensor Extract(IFeatureExtractor extractor, IEnumerable<Tensor> batches, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(batches);
        var rows = new List<Tensor>();
        try
        {
            foreach (Tensor batch in batches)
            {
                ct.ThrowIfCancellationRequested();
                using (batch)
                using (NewDisposeScope())
                using (no_grad())
                {
                    Tensor features = extractor.Extract(batch);
                    if (features.dim() != 2 || features.shape[0] != batch.shape[0]
                        || features.shape[1] != extractor.Width)
                    {
                        throw new PluginException(
                            $"feature extractor '{extractor.Name}' returned [{string.Join(", ", features.shape)}] for "
                            + $"{batch.shape[0]} images; it declares width {extractor.Width}");
                    }

                    rows.Add(features.to(float32).contiguous().DetachFromDisposeScope());
                }
            }

            return cat(rows, 0);
        }
        finally
        {
            foreach (Tensor row in rows)
            {
                row.Dispose();
            }
        }
    }
}
