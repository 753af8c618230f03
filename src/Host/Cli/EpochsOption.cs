using System.Globalization;
using DogGan.Host.Manifests;
using Spectre.Console;

namespace DogGan.Host.Cli;

/// <summary>
/// Reads <c>--epochs</c> as text and checks it here, so that "--epochs abc" fails with the
/// option's name and range, like every other bad input, rather than with a type-conversion
/// message from the command-line parser.
/// </summary>
internal static class EpochsOption
{
    public static int? Parse(string? text) =>
        text is null ? null : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    public static ValidationResult Validate(string? text) =>
        text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int epochs)
                         && epochs is >= 1 and <= ManifestReader.MaxEpochs)
            ? ValidationResult.Success()
            : ValidationResult.Error(
                $"--epochs: \"{text}\" is not valid; expected a whole number from 1 to {ManifestReader.MaxEpochs}");
}
