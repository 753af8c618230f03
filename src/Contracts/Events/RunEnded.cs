namespace DogGan.Contracts.Events;

/// <summary>The run trained every planned epoch, or stopped at its time limit.</summary>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="WallSeconds">Training wall time.</param>
/// <param name="StoppedByTimeLimit">True when the time limit ended it early.</param>
public sealed record ExperimentCompleted(int Epochs, double WallSeconds, bool StoppedByTimeLimit);

/// <summary>The run stopped on an error; epochs up to <paramref name="LastCompletedEpoch"/> are recorded.</summary>
/// <param name="LastCompletedEpoch">The last epoch whose events were saved (0 if none).</param>
/// <param name="ErrorType">The exception's type name.</param>
/// <param name="Error">The error message.</param>
public sealed record ExperimentFailed(int LastCompletedEpoch, string ErrorType, string Error);

/// <summary>The user stopped the run (Ctrl-C); a checkpoint of the last completed epoch was saved.</summary>
/// <param name="LastCompletedEpoch">The last epoch whose events were saved.</param>
/// <param name="Reason">What stopped it.</param>
public sealed record ExperimentInterrupted(int LastCompletedEpoch, string Reason);
