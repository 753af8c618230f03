namespace DogGan.Contracts.Errors;

/// <summary>The event store cannot be reached or started, or holds something this host cannot read.</summary>
public sealed class StoreException : DogGanException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
