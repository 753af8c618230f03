using DogGan.Host.History;
using DogGan.Host.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary><c>host compare RUN RUN...</c>: runs side by side.</summary>
internal sealed class CompareCommand(IAnsiConsole console) : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        using RunStore store = await EventStoreFactory.OpenAsync(StoreSettings.Resolve(settings.Store),
            cancellationToken: cancellationToken);
        await HistoryQueries.CompareAsync(store, console, settings.Runs, settings.Filter(), settings.Plot,
            cancellationToken);
        return 0;
    }
}
