namespace DogGan.Contracts.Errors;

/// <summary>
/// Base of every error a user can cause and fix: a bad manifest, bad data, a bad plugin, an
/// unreachable store. Its message is one line that names the file, field or value at fault
/// and what to do; the host prints it without a stack trace. Anything else is a bug.
/// </summary>
public abstract class DogGanException : Exception
{
    /// <summary>Creates the error with its one-line message.</summary>
    protected DogGanException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
