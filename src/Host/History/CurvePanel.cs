using DogGan.Contracts.Events;

namespace DogGan.Host.History;

/// <summary>
/// One panel of the curve plots: a pair of per-epoch figures drawn for every run, the first
/// solid and the second dashed, in the run's colour.
/// </summary>
/// <param name="Title">The panel's title; the report also uses it as heading and alt text.</param>
/// <param name="YLabel">The y axis label.</param>
/// <param name="First">The solid figure's legend name and value.</param>
/// <param name="Second">The dashed figure's legend name and value.</param>
internal sealed record CurvePanel(
    string Title,
    string YLabel,
    (string Name, Func<EpochCompleted, double> Value) First,
    (string Name, Func<EpochCompleted, double> Value) Second)
{
    public static readonly CurvePanel Losses = new("Loss per epoch (mean over batches)", "loss",
        ("D loss", e => e.DiscriminatorLoss), ("G loss", e => e.GeneratorLoss));

    public static readonly CurvePanel Scores = new(
        "Discriminator scores per epoch: D(x) on real, D(G(z)) on generated", "mean sigmoid score",
        ("D(x)", e => e.RealScore), ("D(G(z))", e => e.FakeScore));
}
