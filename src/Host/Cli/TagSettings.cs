using System.ComponentModel;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host tag</c>.</summary>
internal sealed partial class TagSettings : AnnotateSettings
{
    [CommandArgument(1, "<NAME>")]
    [Description("The tag: letters, digits, '.', '_' or '-', at most 64 characters")]
    public string Tag { get; init; } = "";

    public override ValidationResult Validate() => TagPattern().IsMatch(Tag)
        ? ValidationResult.Success()
        : ValidationResult.Error(
            $"tag '{Tag}' is not valid; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TagPattern();
}
