namespace Epy.Stages.Configs;

/// <summary>
/// An experiment's configuration cannot be used. Carries every error found, not just the first;
/// the message lists them one per line as <c>file:line:column: field: message</c>.
/// </summary>
public sealed class ConfigValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/> (at least one).</summary>
    public ConfigValidationException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Not used: the exception always carries its errors.</summary>
    public ConfigValidationException() : this("invalid configuration") { }

    /// <summary>Not used: the exception always carries its errors.</summary>
    public ConfigValidationException(string message) : base(message)
    {
        Errors = [];
    }

    /// <summary>Not used: the exception always carries its errors.</summary>
    public ConfigValidationException(string message, Exception inner) : base(message, inner)
    {
        Errors = [];
    }

    /// <summary>Every error found, in file order and then in the order the checks ran.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var noun = errors.Count == 1 ? "error" : "errors";
        return $"{errors.Count} configuration {noun}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(error => error.ToString()));
    }
}
