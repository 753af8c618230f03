using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DogGan.Plugins.Architectures;

/// <summary>
/// Batch norm over a batch made of <c>groups</c> equal parts (the recipe's split batch norm).
/// In training mode each part is normalised with its own batch statistics; the parts share
/// one affine weight and bias and one pair of running buffers, which every part updates in
/// turn, first part first, exactly as <c>F.batch_norm</c> called once per part would. In
/// evaluation mode it is plain batch norm on the running statistics. Parameter and buffer
/// names are BatchNorm2d's, so state dicts read like PyTorch's.
/// </summary>
public sealed class SplitBatchNorm2d : nn.Module<Tensor, int, Tensor>
{
    // Declaration order is state-dict order: BatchNorm2d's.
    [ComponentName(Name = "weight")]
    private Parameter _weight;

    [ComponentName(Name = "bias")]
    private Parameter _bias;

    [ComponentName(Name = "running_mean")]
    private Tensor _runningMean;

    [ComponentName(Name = "running_var")]
    private Tensor _runningVar;

    [ComponentName(Name = "num_batches_tracked")]
    private Tensor _numBatchesTracked;

    /// <summary>Creates the layer with BatchNorm2d's initial values (gain 1, bias 0, mean 0, var 1).</summary>
    /// <param name="features">The channel count C of (N, C, H, W) inputs.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="momentum">Weight of each batch in the running statistics.</param>
    /// <param name="dtype">Element type of the parameters and buffers; torch's default when null.</param>
    /// <param name="device">Where they live; torch's default when null.</param>
    public SplitBatchNorm2d(
        long features, double eps = 1e-5, double momentum = 0.1, ScalarType? dtype = null,
        Device? device = null)
        : base(nameof(SplitBatchNorm2d))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Features = features;
        Eps = eps;
        Momentum = momentum;
        _weight = nn.Parameter(torch.ones(features, dtype, device));
        _bias = nn.Parameter(torch.zeros(features, dtype, device));
        _runningMean = torch.zeros(features, dtype, device);
        _runningVar = torch.ones(features, dtype, device);
        _numBatchesTracked = torch.tensor(0L, device: device);
        RegisterComponents();
    }

    /// <summary>The channel count.</summary>
    public long Features { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Weight of each part's batch statistics in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>The shared affine gain.</summary>
    public Parameter Weight => _weight;

    /// <summary>The shared affine bias.</summary>
    public Parameter Bias => _bias;

    /// <summary>The shared running mean.</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>The shared running (unbiased) variance.</summary>
    public Tensor RunningVar => _runningVar;

    /// <summary>How many parts have updated the running statistics.</summary>
    public Tensor NumBatchesTracked => _numBatchesTracked;

    /// <summary>Normalises <paramref name="input"/> (N, C, H, W).</summary>
    /// <param name="input">The batch; in training mode N must be a multiple of <paramref name="groups"/>.</param>
    /// <param name="groups">How many equal parts to normalise separately in training mode.</param>
    public override Tensor forward(Tensor input, int groups)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ndim != 4)
        {
            throw new ArgumentException(
                $"SplitBatchNorm2d expects (N, C, H, W) input; got {input.ndim} dimensions", nameof(input));
        }

        if (!training)
        {
            return F.batch_norm(input, _runningMean, _runningVar, _weight, _bias, false, Momentum, Eps);
        }

        long batch = input.size(0);
        if (groups < 1 || batch % groups != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(groups), groups, $"the batch of {batch} must split into whole groups (1 or more)");
        }

        if (groups == 1)
        {
            return NormalisePart(input);
        }

        Tensor[] parts = input.chunk(groups, 0);
        var outputs = new Tensor[groups];
        try
        {
            for (int i = 0; i < groups; i++)
            {
                outputs[i] = NormalisePart(parts[i]);
            }

            return torch.cat(outputs, 0);
        }
        finally
        {
            // Autograd keeps what it needs; these are only the managed handles.
            foreach (Tensor tensor in parts.Concat(outputs.Where(o => o is not null)))
            {
                tensor.Dispose();
            }
        }
    }

    private Tensor NormalisePart(Tensor part)
    {
        using (torch.no_grad())
        {
            _numBatchesTracked.add_(1);
        }

        return F.batch_norm(part, _runningMean, _runningVar, _weight, _bias, true, Momentum, Eps);
    }
}
