namespace Epy.Stages.Configs;

/// <summary>One problem found in an experiment's configuration files.</summary>
/// <param name="File">The path of the file at fault.</param>
/// <param name="Line">The 1-based line of the offending value; 0 when the error concerns the whole file.</param>
/// <param name="Column">The 1-based column of the offending value; 0 with <paramref name="Line"/> 0.</param>
/// <param name="Field">The path of the field, e.g. <c>model.parameters.beta.value</c> or <c>modelset.calibration.comparison[0].simulation[1]</c>.</param>
/// <param name="Message">What was wrong and what was expected.</param>
public sealed record ConfigError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Creates an error located at <paramref name="span"/>.</summary>
    public static ConfigError At(SourceSpan span, string field, string message) =>
        new(span.File, span.Line, span.Column, field, message);

    /// <summary><c>file:line:column: field: message</c> (just <c>file: field: message</c> for a whole-file error).</summary>
    public override string ToString() =>
        $"{new SourceSpan(File, Line, Column)}: {Field}: {Message}";
}
