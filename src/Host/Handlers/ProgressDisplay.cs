using System.Globalization;
using DogGan.Contracts.Events;
using DogGan.Host.Messages;
using Mediator;
using Spectre.Console;

namespace DogGan.Host.Handlers;

/// <summary>
/// The console view of a run: on a terminal, a bar for the whole run and one for the epoch in
/// progress, each with its ETA; everywhere, one plain line per finished epoch with the
/// figures that also go into the event stream (so a log file or CI output carries them too).
/// </summary>
internal sealed class ProgressDisplay(IAnsiConsole console)
    : INotificationHandler<EpochStarting>, INotificationHandler<BatchCompleted>, INotificationHandler<EpochEnded>
{
    private ProgressContext? _context;
    private ProgressTask? _runTask;
    private ProgressTask? _epochTask;
    private int _epochs;

    /// <summary>Runs <paramref name="work"/> under a live progress display when the console allows one.</summary>
    public async Task<T> RunAsync<T>(int epochs, string name, Func<Task<T>> work)
    {
        _epochs = epochs;
        if (!console.Profile.Capabilities.Interactive)
        {
            return await work();
        }

        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                _context = context;
                _runTask = context.AddTask(Markup.Escape(name), maxValue: epochs);
                try
                {
                    return await work();
                }
                finally
                {
                    _context = null;
                }
            });
    }

    public ValueTask Handle(EpochStarting notification, CancellationToken cancellationToken)
    {
        _epochTask?.StopTask();
        _epochTask = _context?.AddTask($"epoch {notification.Epoch}/{_epochs}", maxValue: notification.Batches);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(BatchCompleted notification, CancellationToken cancellationToken)
    {
        if (_epochTask is { } task)
        {
            task.Increment(1);
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {notification.Epoch}/{_epochs} D {notification.DiscriminatorLoss:F3} G {notification.GeneratorLoss:F3}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(EpochEnded notification, CancellationToken cancellationToken)
    {
        _epochTask?.StopTask();
        _runTask?.Increment(1);
        console.MarkupLine(Markup.Escape(FormatLine(notification, _epochs)));
        return ValueTask.CompletedTask;
    }

    /// <summary>The per-epoch line of a live run.</summary>
    internal static string FormatLine(EpochEnded notification, int epochs) => FormatLine(
        notification.Stats, epochs, checkpoint: notification.Checkpoint is not null,
        samples: notification.Samples is not null);

    /// <summary>
    /// The per-epoch line from the recorded figures: the live display and <c>host replay</c>
    /// both print through here, so a replay shows exactly the lines the run printed.
    /// </summary>
    internal static string FormatLine(EpochCompleted s, int epochs, bool checkpoint, bool samples)
    {
        string averager = s.AveragerBeta is { } beta
            ? string.Create(CultureInfo.InvariantCulture, $" beta {beta:G4}")
            : s.AveragerCount is { } count ? $" averaged {count}" : "";
        string extras = (checkpoint ? " [checkpoint]" : "") + (samples ? " [samples]" : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {s.Epoch,4}/{epochs}  D {s.DiscriminatorLoss:F4}  G {s.GeneratorLoss:F4}  "
            + $"D(x) {s.RealScore:F3}  D(G(z)) {s.FakeScore:F3}{averager}  {s.ImagesPerSecond:F1} img/s  "
            + $"{s.WallSeconds:F1} s  rss {s.ResidentBytes / 1048576.0:F0} MB{extras}");
    }
}
