using System.Runtime.InteropServices;

namespace DogGan.Host.Training;

/// <summary>
/// Turns Ctrl-C and SIGTERM into two levels of stopping. The first asks the trainer to finish
/// the epoch in progress, record it, save a checkpoint and stop: nothing is lost. The second
/// stops at the next batch: the partial epoch is discarded (it is never recorded as
/// completed) and the last checkpoint on disk is where a resume would start.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _presses;

    public bool AfterEpoch => Volatile.Read(ref _presses) >= 1;

    public bool Now => Volatile.Read(ref _presses) >= 2;

    /// <summary>Raised on each press, with the new level (1 or 2).</summary>
    public event Action<int>? Requested;

    public static StopSignal ListenToConsole()
    {
        var signal = new StopSignal();
        foreach (PosixSignal kind in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            signal._registrations.Add(PosixSignalRegistration.Create(kind, context =>
            {
                context.Cancel = true;
                signal.Request();
            }));
        }

        return signal;
    }

    public void Request()
    {
        int level = Interlocked.Increment(ref _presses);
        Requested?.Invoke(Math.Min(level, 2));
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
