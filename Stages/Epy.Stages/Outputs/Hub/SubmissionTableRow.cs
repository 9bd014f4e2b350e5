namespace Epy.Stages.Outputs.Hub;

/// <summary>One data row of a <see cref="SubmissionTable"/>.</summary>
/// <param name="Line">The line in the file (the header is line 1).</param>
/// <param name="Cells">The cells, in header order.</param>
public sealed record SubmissionTableRow(int Line, IReadOnlyList<string> Cells);
