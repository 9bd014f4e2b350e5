namespace Epy.Stages.Configs;

/// <summary>A value read from a configuration file together with where it was written.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Span">Where the value starts in its file.</param>
public sealed record Located<T>(T Value, SourceSpan Span)
{
    /// <summary>The value's text.</summary>
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
