using DogGan.Contracts.Errors;
using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace DogGan.Plugins.Averagers;

/// <summary>The tensor work every averager shares: twins, copies, blends, BatchNorm re-estimation.</summary>
internal static class GeneratorState
{
    /// <summary>
    /// Builds the module that holds an average: a twin of <paramref name="generator"/> on its
    /// device and in its precision, holding a copy of its parameters and buffers, in eval mode
    /// and outside autograd.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CreateCopy(
        nn.Module<Tensor, Tensor> generator, Func<nn.Module<Tensor, Tensor>> createTwin)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(createTwin);
        nn.Module<Tensor, Tensor> twin = createTwin();
        try
        {
            Parameter first = generator.parameters().First();
            twin.to(first.device, first.dtype);
            foreach (Parameter parameter in twin.parameters())
            {
                parameter.requires_grad = false;
            }

            CopyAll(generator, twin);
            twin.eval();
            return twin;
        }
        catch
        {
            twin.Dispose();
            throw;
        }
    }

    /// <summary>Copies every parameter and buffer of <paramref name="source"/> into the same-named
    /// one of <paramref name="target"/>.</summary>
    public static void CopyAll(nn.Module source, nn.Module target)
    {
        Dictionary<string, Tensor> from = Tensors(source);
        Dictionary<string, Tensor> to = Tensors(target);
        RequireSameNames(from.Keys, to.Keys);
        using (torch.no_grad())
        {
            foreach ((string name, Tensor tensor) in to)
            {
                tensor.copy_(from[name]);
            }
        }
    }

    /// <summary>
    /// The parameter pairs (average, source) by name, for averagers that update parameters
    /// only. Checked once at start, so a step does no name look-ups.
    /// </summary>
    public static (Parameter Average, Parameter Source)[] PairParameters(
        nn.Module average, nn.Module source)
    {
        Dictionary<string, Parameter> averaged = average.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Dictionary<string, Parameter> sources = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        RequireSameNames(sources.Keys, averaged.Keys);
        return averaged.Select(p => (p.Value, sources[p.Key])).ToArray();
    }

    /// <summary>average = beta * average + (1 - beta) * source, in place, outside autograd.</summary>
    public static void Blend(Tensor average, Tensor source, double beta)
    {
        using (torch.no_grad())
        {
            average.mul_(beta).add_(source, alpha: 1 - beta);
        }
    }

    /// <summary>
    /// Re-estimates the running statistics of every BatchNorm layer of <paramref name="model"/>:
    /// resets them, runs <paramref name="batches"/> latent batches through the model in
    /// training mode with a cumulative average (PyTorch's momentum=None), then leaves the model
    /// in eval mode. Only TorchSharp's BatchNorm1d/2d/3d are found; a generator with a batch
    /// norm of its own making keeps its buffers as they were.
    /// </summary>
    public static void RecomputeBatchNorm(nn.Module<Tensor, Tensor> model, Func<Tensor> latentBatch, int batches)
    {
        ArgumentNullException.ThrowIfNull(latentBatch);
        BatchNorm[] norms = model.modules().OfType<BatchNorm>().Where(n => n.track_running_stats).ToArray();
        if (norms.Length == 0 || batches == 0)
        {
            model.eval();
            return;
        }

        double?[] momenta = norms.Select(n => n.momentum).ToArray();
        try
        {
            foreach (BatchNorm norm in norms)
            {
                norm.reset_running_stats();
                norm.momentum = null;
            }

            model.train();
            using (torch.no_grad())
            {
                for (int i = 0; i < batches; i++)
                {
                    using var scope = torch.NewDisposeScope();
                    model.call(latentBatch());
                }
            }
        }
        finally
        {
            for (int i = 0; i < norms.Length; i++)
            {
                norms[i].momentum = momenta[i];
            }

            model.eval();
        }
    }

    /// <summary>Every parameter and buffer by its state-dict name; the tensors stay the module's.</summary>
    public static Dictionary<string, Tensor> Tensors(nn.Module module) =>
        module.named_parameters().Select(p => (p.name, tensor: (Tensor)p.parameter))
            .Concat(module.named_buffers())
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Copies a checkpoint's tensors into the module's same-named ones.</summary>
    public static void Restore(nn.Module module, IReadOnlyDictionary<string, Tensor> state, string averager)
    {
        ArgumentNullException.ThrowIfNull(state);
        Dictionary<string, Tensor> own = Tensors(module);
        string[] missing = own.Keys.Where(k => !state.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new PluginException(
                $"averager '{averager}': the checkpoint lacks {string.Join(", ", missing.Take(5))}"
                + $"{(missing.Length > 5 ? ", ..." : "")}; resume from a checkpoint of the same architecture");
        }

        using (torch.no_grad())
        {
            foreach ((string name, Tensor tensor) in own)
            {
                tensor.copy_(state[name]);
            }
        }
    }

    private static void RequireSameNames(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var wanted = expected.ToHashSet(StringComparer.Ordinal);
        var got = actual.ToHashSet(StringComparer.Ordinal);
        if (!wanted.SetEquals(got))
        {
            string example = wanted.Except(got).Concat(got.Except(wanted)).First();
            throw new PluginException(
                $"the averaged generator's tensors differ from the live one's (first: '{example}'); "
                + "the architecture's CreateGenerator must build the same structure on every call");
        }
    }
}
