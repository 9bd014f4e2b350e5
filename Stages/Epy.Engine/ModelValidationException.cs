namespace Epy.Engine;

/// <summary>
/// A model, population or sampler definition that cannot be simulated. <see cref="Field"/> names the
/// offending field as a path (for example <c>transitions[2].source</c> or <c>parameters.beta</c>) so
/// that the stage program can map it back to a YAML file and line.
/// </summary>
public sealed class ModelValidationException : Exception
{
    /// <summary>Creates an error about <paramref name="field"/>.</summary>
    public ModelValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
        Reason = message;
    }

    /// <summary>Creates an error about <paramref name="field"/> caused by <paramref name="inner"/>.</summary>
    public ModelValidationException(string field, string message, Exception inner)
        : base($"{field}: {message}", inner)
    {
        Field = field;
        Reason = message;
    }

    /// <summary>Not used: every error names its field.</summary>
    public ModelValidationException() : this("model", "invalid model") { }

    /// <summary>Not used: every error names its field.</summary>
    public ModelValidationException(string message) : this("model", message) { }

    /// <summary>Not used: every error names its field.</summary>
    public ModelValidationException(string message, Exception inner) : this("model", message, inner) { }

    /// <summary>The path of the field at fault, e.g. <c>transitions[2].rate</c>.</summary>
    public string Field { get; }

    /// <summary>What was wrong and what was expected, without the field prefix.</summary>
    public string Reason { get; }
}
