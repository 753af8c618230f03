using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host note</c>.</summary>
internal sealed class NoteSettings : AnnotateSettings
{
    [CommandArgument(1, "<TEXT>")]
    [Description("The note; quote it")]
    public string Text { get; init; } = "";

    public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Text)
        ? ValidationResult.Error("the note is empty; give its text in quotes, e.g. host note RUN \"lr too high\"")
        : ValidationResult.Success();
}
