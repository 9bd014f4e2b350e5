namespace Epy.Cli.Configuration;

/// <summary>The configuration cannot be used: <c>epycloud</c> prints the message and the hint and exits 2.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException() { }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a hint: what to do about it.</summary>
    public ConfigurationException(string message, string? hint) : base(message) => Hint = hint;

    /// <summary>What to do about it (one line), or null.</summary>
    public string? Hint { get; init; }
}
