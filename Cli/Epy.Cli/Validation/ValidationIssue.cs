namespace Epy.Cli.Validation;

/// <summary>One error of <c>epy-stage validate</c>'s report.</summary>
/// <param name="File">The file at fault.</param>
/// <param name="Line">Its 1-based line; 0 for the whole file.</param>
/// <param name="Column">Its 1-based column; 0 for the whole file.</param>
/// <param name="Field">The field path, e.g. <c>model.parameters.beta.value</c> (empty when none).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationIssue(string File, int Line, int Column, string Field, string Message)
{
    /// <summary><c>file:line:column: field: message</c>, the way the stage program prints config errors.</summary>
    public override string ToString()
    {
        var where = Line == 0 ? File : $"{File}:{Line}:{Column}";
        return Field.Length == 0 ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
