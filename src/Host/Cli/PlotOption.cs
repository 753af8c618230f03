using Spectre.Console;

namespace DogGan.Host.Cli;

/// <summary>The check every <c>--plot</c> option shares.</summary>
internal static class PlotOption
{
    public static ValidationResult Validate(string? plot) =>
        plot is null || plot.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--plot '{plot}': the plot is a PNG; give a file name ending in .png");
}
