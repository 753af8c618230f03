using TorchSharp;
using static TorchSharp.torch;

namespace DogGan.Host.Scoring;

/// <summary>
/// FID = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), in float64 on the CPU.
/// </summary>
/// <remarks>
/// S1 S2 is not symmetric, so its square root is taken through the similar symmetric matrix
/// S1^(1/2) S2 S1^(1/2), which has the same eigenvalues: Tr (S1 S2)^(1/2) is the sum of the
/// square roots of its eigenvalues. Both steps use symmetric eigen-decompositions, and the
/// small negative eigenvalues that rounding gives a near-singular covariance (fewer images
/// than feature dimensions, or dead ReLU units) are clamped to 0 rather than turning into
/// NaN, which is what the reference script's retry with a 1e-6 ridge works around.
/// </remarks>
internal static class FrechetDistance
{
    /// <summary>The Fréchet distance between two Gaussians given by their statistics.</summary>
    public static double Between(FeatureStatistics first, FeatureStatistics second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Mean.shape[0] != second.Mean.shape[0])
        {
            throw new ArgumentException(
                $"feature widths differ: {first.Mean.shape[0]} and {second.Mean.shape[0]}", nameof(second));
        }

        using (NewDisposeScope())
        using (no_grad())
        {
            Tensor difference = first.Mean - second.Mean;
            double meanTerm = difference.dot(difference).item<double>();
            Tensor root = SymmetricSquareRoot(first.Covariance);
            Tensor similar = Symmetrised(root.matmul(second.Covariance).matmul(root));
            double traceOfRoot = NonNegative(linalg.eigvalsh(similar)).sqrt().sum().item<double>();
            double traces = first.Covariance.trace().item<double>() + second.Covariance.trace().item<double>();
            return meanTerm + traces - (2 * traceOfRoot);
        }
    }

    /// <summary>The positive semi-definite square root of a symmetric matrix.</summary>
    internal static Tensor SymmetricSquareRoot(Tensor symmetric)
    {
        (Tensor values, Tensor vectors) = linalg.eigh(Symmetrised(symmetric));
        Tensor roots = NonNegative(values).sqrt();
        return vectors.mul(roots.unsqueeze(0)).matmul(vectors.t());
    }

    // Eigenvalues within rounding of zero (relative to the largest, as a pseudo-inverse's cutoff)
    // are zero: their square roots, ~1e-7 each, would otherwise add up to a visible bias.
    private static Tensor NonNegative(Tensor eigenvalues)
    {
        const double machineEpsilon = 2.220446049250313e-16;
        double cutoff = eigenvalues.abs().max().item<double>() * eigenvalues.shape[0] * machineEpsilon;
        return where(eigenvalues.gt(cutoff), eigenvalues, zeros_like(eigenvalues));
    }

    // Rounding leaves products of symmetric matrices a few ulps off symmetric; eigh reads one
    // triangle only, so averaging first keeps the two halves from disagreeing.
    private static Tensor Symmetrised(Tensor matrix) => matrix.add(matrix.t()).mul(0.5);
}
