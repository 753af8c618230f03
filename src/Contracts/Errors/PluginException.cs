namespace DogGan.Contracts.Errors;

/// <summary>A plugin cannot be loaded, composed or created.</summary>
public sealed class PluginException : DogGanException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public PluginException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
