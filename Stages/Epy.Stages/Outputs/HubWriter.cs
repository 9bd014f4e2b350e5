namespace Epy.Stages.Outputs;

/// <summary>Writes hub rows as CSV with the columns of <see cref="HubFormat.Columns"/>.</summary>
public static class HubWriter
{
    /// <summary>Writes the header and the rows.</summary>
    public static void Write(TextWriter writer, IEnumerable<HubRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        CsvText.Row(writer, HubFormat.Columns);
        foreach (var row in rows)
        {
            CsvText.Row(writer,
            [
                row.Location, CsvText.Date(row.ReferenceDate), CsvText.Integer(row.Horizon), CsvText.Date(row.TargetEndDate),
                row.Target, row.OutputType, row.OutputTypeId, CsvText.Number(row.Value),
            ]);
        }
    }
}
