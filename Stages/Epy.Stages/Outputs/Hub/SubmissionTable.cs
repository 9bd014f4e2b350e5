using System.Text;

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
                    if (row.Count > 1 || row[0].Length > 0)
                        records.Add((rowLine, row));
                    row = [];
                    rowLine = ++line;
                    break;
                default:
                    cell.Append(ch);
                    break;
            }
        }
        if (quoted)
            throw new FormatException("a quoted cell is not closed");
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            records.Add((rowLine, row));
        }
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
