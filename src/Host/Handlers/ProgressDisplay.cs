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
    // Without a terminal there are no bars; a plain line this often keeps a long epoch from
    // looking like a hang in a log file or CI output.
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(30);

    private ProgressContext? _context;
    private DateTime _epochStart;
    private DateTime _lastPlainLine;
    private int _batches;
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
        _batches = notification.Batches;
        _epochStart = _lastPlainLine = DateTime.UtcNow;
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(BatchCompleted notification, CancellationToken cancellationToken)
    {
        if (_epochTask is { } task)
        {
            task.Increment(1);
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {notification.Epoch}/{_epochs} D {notification.DiscriminatorLoss:F3} "
                + $"G {notification.GeneratorLoss:F3}");
        }
        else if (DateTime.UtcNow - _lastPlainLine >= PlainInterval)
        {
            _lastPlainLine = DateTime.UtcNow;
            double perBatch = (_lastPlainLine - _epochStart).TotalSeconds / notification.Batch;
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {notification.Epoch}: batch {notification.Batch}/{_batches}, {perBatch:F2} s/batch, "
                + $"epoch ends in about {perBatch * (_batches - notification.Batch):F0} s")));
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
