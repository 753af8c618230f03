using DogGan.Contracts.Events;
using Spectre.Console;

namespace DogGan.Host.Cli;

/// <summary><c>host tag RUN NAME</c>.</summary>
internal sealed class TagCommand(IAnsiConsole console) : AnnotateCommand<TagSettings>(console)
{
    protected override object Annotation(TagSettings settings) => new RunTagged(settings.Tag);
}
