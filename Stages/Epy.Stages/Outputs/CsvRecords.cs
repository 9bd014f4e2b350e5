using System.Text;

namespace Epy.Stages.Outputs;

/// <summary>
/// Splits CSV text (RFC 4180 quoting, line feeds, <c>\r</c> ignored outside quotes) into records of
/// cells, each with the line it starts on. One splitter for the tables Stage C writes (Parquet copies)
/// and for hub submissions (whose validator names lines).
/// </summary>
internal static class CsvRecords
{
    /// <summary>The rows of cells of <paramref name="csv"/>; a blank line is a row of one empty cell.</summary>
    public static List<List<string>> Parse(string csv) => [.. Split(csv, out _).Select(r => r.Cells)];

    /// <summary>
    /// The records of <paramref name="csv"/> with the 1-based line each starts on (a line break inside a
    /// quoted cell counts); <paramref name="unclosedQuote"/> tells whether the text ends inside a quoted cell.
    /// </summary>
    public static List<(int Line, List<string> Cells)> Split(string csv, out bool unclosedQuote)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = new List<(int Line, List<string> Cells)>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var (quoted, line, rowLine) = (false, 1, 1);
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                    (cell, i) = (cell.Append('"'), i + 1);
                else if (ch == '"')
                    quoted = false;
                else
                    cell.Append(ch);
                if (ch == '\n')
                    line++;
                continue;
            }
            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    records.Add((rowLine, row));
                    row = [];
                    rowLine = ++line;
                    break;
                default:
                    cell.Append(ch);
                    break;
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            records.Add((rowLine, row));
        }
        unclosedQuote = quoted;
        return records;
    }
}
