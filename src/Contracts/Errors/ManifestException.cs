namespace DogGan.Contracts.Errors;

/// <summary>
/// The experiment manifest or a command-line override is invalid; the message gives the JSON path,
/// the value and the valid choices.
/// </summary>
public sealed class ManifestException : DogGanException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public ManifestException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
