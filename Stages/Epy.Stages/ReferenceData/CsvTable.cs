using System.Text;

namespace Epy.Stages.ReferenceData;

/// <summary>A small RFC 4180 CSV reader for the reference tables: a header row, then records.</summary>
internal sealed class CsvTable
{
    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The records after the header (blank lines skipped).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads the whole table.</summary>
    /// <exception cref="FormatException">The text is empty, a quote is unterminated, or a record's width differs from the header's.</exception>
    public static CsvTable Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = Records(reader.ReadToEnd());
        if (records.Count == 0)
            throw new FormatException("the CSV has no header");
        var header = records[0].Select(h => h.Trim()).ToArray();
        var rows = records.Skip(1).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != header.Length)
                throw new FormatException($"record {r + 1} has {rows[r].Length} fields, the header {header.Length}");
        }
        return new CsvTable(header, rows);
    }

    /// <summary>The index of a required column.</summary>
    /// <exception cref="FormatException">No such column.</exception>
    public int Column(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? index : throw new FormatException($"the CSV has no column '{name}' (columns: {string.Join(", ", Header)})");
    }

    /// <summary>The index of a column, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private static List<string[]> Records(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (quoted)
            throw new FormatException("the CSV ends inside a quoted field");
        EndRecord();
        return records;

        void EndRecord()
        {
            if (any)
            {
                fields.Add(field.ToString());
                records.Add([.. fields]);
            }
            fields.Clear();
            field.Clear();
            any = false;
        }
    }
}
