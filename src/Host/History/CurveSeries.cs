namespace DogGan.Host.History;

/// <summary>One line of a curve plot: a figure of one run per epoch.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Epochs">The x values (one-based epochs).</param>
/// <param name="Values">The y values, one per epoch; non-finite ones are left out of the line.</param>
/// <param name="Run">The run's position among those plotted, which picks the line's colour.</param>
/// <param name="Dashed">Dashed for the second figure of a pair (G loss, D(G(z))).</param>
internal sealed record CurveSeries(
    string Label, IReadOnlyList<int> Epochs, IReadOnlyList<double> Values, int Run, bool Dashed);
