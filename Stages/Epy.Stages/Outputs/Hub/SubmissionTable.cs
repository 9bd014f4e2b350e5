namespace Epy.Stages.Outputs.Hub;

/// <summary>A submission as text cells: the header and the rows (RFC 4180 CSV; a missing value is <c>NA</c> or empty).</summary>
/// <param name="Header">The column names.</param>
/// <param name="Rows">The data rows.</param>
public sealed record SubmissionTable(IReadOnlyList<string> Header, IReadOnlyList<SubmissionTableRow> Rows)
{
    /// <summary>The index of column <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => Header.ToList().IndexOf(name);

    /// <summary>Whether a cell means "no value" (R's <c>NA</c>, or empty).</summary>
    public static bool IsMissing(string cell) => cell.Length == 0 || cell == "NA";

    /// <summary>Splits CSV text into rows; line numbers count the header as line 1.</summary>
    /// <exception cref="FormatException">The text is empty, a quote is unclosed or a row's width differs from the header's.</exception>
    public static SubmissionTable Parse(string csv)
    {
        var records = CsvRecords.Split(csv, out var unclosedQuote)
            .Where(r => r.Cells.Count > 1 || r.Cells[0].Length > 0) // blank lines are no rows
            .ToList();
        if (unclosedQuote)
            throw new FormatException("a quoted cell is not closed");
        if (records.Count == 0)
            throw new FormatException("no header");
        var header = records[0].Cells.Select(c => c.Trim()).ToList();
        var rows = new List<SubmissionTableRow>();
        foreach (var (at, cells) in records.Skip(1))
        {
            if (cells.Count != header.Count)
                throw new FormatException($"line {at}: {cells.Count} cells, the header has {header.Count}");
            rows.Add(new SubmissionTableRow(at, cells));
        }
        return new SubmissionTable(header, rows);
    }
}
