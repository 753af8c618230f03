using DogGan.Host.History;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host replay RUN</c>: a run's history from its events, as it printed it.</summary>
internal sealed class ReplayCommand(IAnsiConsole console) : AsyncCommand<ReplaySettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(settings.Store),
            cancellationToken: cancellationToken);
        if (settings.Rebuild)
        {
            int count = await store.RebuildSummariesAsync(cancellationToken);
            console.MarkupLine(Markup.Escape($"rebuilt {count} run summaries from the events in {store.Description}"));
        }
        if (settings.Run is { } run)
        {
            await HistoryQueries.ReplayAsync(store, console, run, settings.Plot, cancellationToken);
        }
        return 0;
    }
}
