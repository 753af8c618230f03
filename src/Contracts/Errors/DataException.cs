namespace DogGan.Contracts.Errors;

/// <summary>
/// A data folder cannot be used at all (missing, empty, or nothing usable in it).
/// Single bad files are counted and skipped instead.
/// </summary>
public sealed class DataException : DogGanException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public DataException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
