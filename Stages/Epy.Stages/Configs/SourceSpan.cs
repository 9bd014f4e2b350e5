namespace Epy.Stages.Configs;

/// <summary>Where a value starts in a configuration file: the file path and the 1-based line and column.</summary>
/// <param name="File">The path of the file, as it was given to the loader.</param>
/// <param name="Line">The 1-based line; 0 when the error concerns the whole file.</param>
/// <param name="Column">The 1-based column; 0 when the error concerns the whole file.</param>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>A position meaning "the file as a whole".</summary>
    public static SourceSpan WholeFile(string file) => new(file, 0, 0);

    /// <summary><c>file:line:column</c>, or just the file for <see cref="WholeFile"/>.</summary>
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
