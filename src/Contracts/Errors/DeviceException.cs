namespace DogGan.Contracts.Errors;

/// <summary>The requested compute device is not available in this build or on this machine.</summary>
public sealed class DeviceException : DogGanException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public DeviceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
