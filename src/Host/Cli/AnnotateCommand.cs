using DogGan.Contracts.Events;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host tag</c> and <c>host note</c>: one annotation event appended to a run's stream.</summary>
internal abstract class AnnotateCommand<TSettings>(IAnsiConsole console) : AsyncCommand<TSettings>
    where TSettings : AnnotateSettings
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(settings.Store),
            cancellationToken: cancellationToken);
        RunSummary run = await store.ResolveRunAsync(settings.Run, cancellationToken);
        object annotation = Annotation(settings);
        await store.AnnotateAsync(run, annotation, settings.Force, cancellationToken);
        console.MarkupLine(Markup.Escape($"{Describe(annotation)} added to run {run.Id} ({run.Name})"));
        return 0;
    }

    protected abstract object Annotation(TSettings settings);

    private static string Describe(object annotation) => annotation switch
    {
        RunTagged t => $"tag '{t.Tag}'",
        _ => "note",
    };
}
