using DogGan.Contracts.Errors;

namespace DogGan.Host.Training;

/// <summary>
/// A run cannot go on from its checkpoint: none was recorded, the file is gone, or it is not
/// the file the run recorded (its SHA-256 differs from the checkpoint-saved event's).
/// </summary>
internal sealed class CheckpointException(string message, Exception? inner = null)
    : DogGanException(message, inner);
