namespace Epy.Stages.Outputs;

/// <summary>Writes hub rows as CSV with the columns of <see cref="HubFormat.Columns"/>; a season target's missing horizon and target end date are empty cells.</summary>
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
                row.Location, CsvText.Date(row.ReferenceDate), row.Horizon is { } h ? CsvText.Integer(h) : string.Empty, row.TargetEndDate is { } end ? CsvText.Date(end) : string.Empty,
                row.Target, row.OutputType, row.OutputTypeId, CsvText.Number(row.Value),
            ]);
        }
    }
}
