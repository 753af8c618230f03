using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// The competition's memorization term: for each generated feature row the minimum over
/// training rows of the cosine distance 1 - |cos|, averaged over the generated rows.
/// </summary>
/// <remarks>
/// Rows that are all zeros have no direction; they are left out of both sets before
/// normalising, as the reference script does (a generated all-zero row then does not count
/// in the mean at all). The cosines come from one matrix product per chunk of generated rows
/// against all training rows, so memory stays at chunk x training rows of float64.
/// </remarks>
internal static class MemorizationDistance
{
    /// <summary>The competition's threshold epsilon: distances under it count as memorization.</summary>
    public const double Threshold = 0.1;

    /// <summary>Added to the divisor of MiFID, as in the competition.</summary>
    public const double Tiny = 1e-14;

    private const int ChunkRows = 1024;

    /// <summary>The mean minimum cosine distance of generated rows to real rows.</summary>
    /// <param name="generated">(N, D) features of generated images.</param>
    /// <param name="real">(M, D) features of training images.</param>
    public static double Of(Tensor generated, Tensor real)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(real);
        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor g = UnitRows(generated);
            Tensor r = UnitRows(real).t();
            if (g.shape[0] == 0 || r.shape[1] == 0)
            {
                throw new ArgumentException(
                    $"every feature row is zero ({generated.shape[0]} generated, {real.shape[0]} real rows); "
                    + "the memorization distance needs rows with a direction");
            }

            double sum = 0;
            for (long start = 0; start < g.shape[0]; start += ChunkRows)
            {
                using var chunkScope = NewDisposeScope();
                Tensor chunk = g.narrow(0, start, Math.Min(ChunkRows, g.shape[0] - start));
                // min over rows of 1 - |cos| is 1 - max |cos|: the same number, one pass less.
                // Rounding can put |cos| of an exact copy an ulp above 1; clamping keeps the
                // distance from going negative (the reference script does not, and a negative
                // mean would flip MiFID's sign once it outweighs the 1e-14).
                Tensor nearest = chunk.matmul(r).abs_().amax([1]).clamp_max_(1);
                sum += nearest.neg().add_(1).sum().item<double>();
            }

            return sum / g.shape[0];
        }
    }

    /// <summary>The term MiFID divides by: the distance when under the threshold, else 1.</summary>
    public static double Thresholded(double distance) => distance < Threshold ? distance : 1.0;

    /// <summary>FID divided by the thresholded distance (plus <see cref="Tiny"/>).</summary>
    public static double Mifid(double fid, double distance) => fid / (Thresholded(distance) + Tiny);

    private static Tensor UnitRows(Tensor features)
    {
        Tensor rows = features.to(float64);
        Tensor keep = rows.abs().sum([1]).ne(0);
        Tensor kept = rows.index(keep);
        return kept.div(linalg.vector_norm(kept, dims: [1], keepdim: true));
    }
}
