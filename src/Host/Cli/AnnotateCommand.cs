using DogGan.Contracts.Errors;
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
        await Annotate(store, run, annotation, settings.Force, cancellationToken);
        console.MarkupLine(Markup.Escape($"{Describe(annotation)} added to run {run.Id} ({run.Name})"));
        return 0;
    }

    /// <summary>
    /// Appends <paramref name="annotation"/>, refusing a run the store shows as running unless
    /// <paramref name="force"/>: its trainer's next save expects the stream where it left it,
    /// so a write in between would make that save, and so the run, fail.
    /// </summary>
    internal static Task Annotate(RunStore store, RunSummary run, object annotation, bool force,
        CancellationToken cancellationToken)
    {
        if (run.Status == RunStatus.Running && !force)
        {
            throw new StoreException(
                $"run {run.Id} ({run.Name}) is still running, and a write now would make its next save fail; "
                + "wait until it ends, or pass --force if its process is gone");
        }
        return store.AnnotateAsync(run.Id, annotation, cancellationToken);
    }

    protected abstract object Annotation(TSettings settings);

    private static string Describe(object annotation) => annotation switch
    {
        RunTagged t => $"tag '{t.Tag}'",
        _ => "note",
    };
}
