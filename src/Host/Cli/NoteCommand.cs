using DogGan.Contracts.Events;
using Spectre.Console;

namespace DogGan.Host.Cli;

/// <summary><c>host note RUN "text"</c>.</summary>
internal sealed class NoteCommand(IAnsiConsole console) : AnnotateCommand<NoteSettings>(console)
{
    protected override object Annotation(NoteSettings settings) => new RunNoteAdded(settings.Text.Trim());
}
