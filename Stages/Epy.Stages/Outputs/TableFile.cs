using System.Globalization;
using System.IO.Compression;
using System.Text;
using Epy.Stages.Configs;
using Parquet;
using Parquet.Schema;

namespace Epy.Stages.Outputs;

/// <summary>
/// The one place a table becomes a file, in each format <c>tabular_output_types</c> asks for:
/// <c>{stem}.csv.gz</c> (CSVBytes) or <c>{stem}.parquet</c> (Parquet). Every table writer writes
/// CSV text; Parquet is made from that text, each column typed from its cells (whole numbers as
/// int64 or uint64, numbers as double, <c>yyyy-MM-dd</c> as timestamps, else text; an empty cell
/// is null), as pandas' <c>to_parquet</c> types a table read from the same CSV.
/// </summary>
public static class TableFile
{
    /// <summary>The file name of table <paramref name="stem"/> (e.g. <c>quantiles_compartments</c>) in <paramref name="type"/>.</summary>
    public static string Name(string stem, TabularOutputType type) => type switch
    {
        TabularOutputType.Parquet => stem + ".parquet",
        _ => stem + ".csv.gz",
    };

    /// <summary>The stem of a file name such as <c>posteriors.csv.gz</c>.</summary>
    public static string Stem(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(".csv.gz", StringComparison.Ordinal) ? fileName[..^".csv.gz".Length] : fileName;
    }

    /// <summary>The CSV text <paramref name="write"/> produces (UTF-8, line feeds).</summary>
    public static string Csv(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(text);
        return text.ToString();
    }

    /// <summary>The file's bytes for the table whose CSV text is <paramref name="csv"/>.</summary>
    public static async Task<byte[]> BytesAsync(string csv, TabularOutputType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return type == TabularOutputType.Parquet ? await ParquetAsync(csv, cancellationToken).ConfigureAwait(false) : Gzip(csv);
    }

    /// <summary>
    /// The Parquet bytes of the table whose CSV text is <paramref name="csv"/>, typed as <see cref="BytesAsync"/> types
    /// them except <paramref name="textColumns"/>, always text (a hub's location codes such as <c>01</c> stay codes).
    /// </summary>
    public static Task<byte[]> ParquetAsync(string csv, IReadOnlyCollection<string> textColumns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(textColumns);
        return ParquetAsync(csv, cancellationToken, textColumns);
    }

    /// <summary>
    /// The <c>.csv.gz</c> bytes of what <paramref name="write"/> produces, streamed into the
    /// compressor: the table's text is never held whole (the usual case, gzip CSV only).
    /// </summary>
    public static byte[] GzipCsv(Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var text = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            text.NewLine = "\n";
            write(text);
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(string csv)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv);
            gzip.Write(bytes);
        }
        return buffer.ToArray();
    }

    private static async Task<byte[]> ParquetAsync(string csv, CancellationToken cancellationToken, IReadOnlyCollection<string>? textColumns = null)
    {
        var rows = CsvRecords.Parse(csv);
        if (rows.Count == 0)
            throw new ArgumentException("a table needs a header row", nameof(csv));
        var header = rows[0];
        var body = rows.Skip(1).ToList();
        var columns = new List<(DataField Field, Func<ParquetRowGroupWriter, Task> Write)>(header.Count);
        for (var c = 0; c < header.Count; c++)
        {
            var cells = body.Select(r => c < r.Count && r[c].Length > 0 ? r[c] : null).ToArray();
            columns.Add(textColumns?.Contains(header[c]) == true ? Text(header[c], cells) : Column(header[c], cells, cancellationToken));
        }
        var schema = new ParquetSchema(columns.Select(d => (Field)d.Field).ToArray());
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, buffer, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns)
                await column.Write(group).ConfigureAwait(false);
        }
        return buffer.ToArray();
    }

    private static (DataField, Func<ParquetRowGroupWriter, Task>) Column(string name, string?[] cells, CancellationToken cancellationToken)
    {
        var present = cells.Where(c => c is not null).Select(c => c!).ToArray();
        if (present.Length > 0 && present.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            return Typed(name, cells, c => long.Parse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), cancellationToken);
        if (present.Length > 0 && present.All(c => ulong.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return Typed(name, cells, c => ulong.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken);
        if (present.Length > 0 && present.All(c => CsvText.TryParseNumber(c, out _)))
            return Typed(name, cells, c => CsvText.TryParseNumber(c, out var v) ? v : double.NaN, cancellationToken);
        if (present.Length > 0 && present.All(c => DateOnly.TryParseExact(c, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            return Typed(name, cells,
                c => DateTime.SpecifyKind(DateOnly.ParseExact(c, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc), cancellationToken);
        }
        return Text(name, cells);
    }

    private static (DataField, Func<ParquetRowGroupWriter, Task>) Text(string name, string?[] cells)
    {
        var text = new DataField<string>(name, true);
        return (text, group => group.WriteAsync(text, cells!, null));
    }

    private static (DataField, Func<ParquetRowGroupWriter, Task>) Typed<T>(string name, string?[] cells, Func<string, T> parse, CancellationToken cancellationToken)
        where T : struct
    {
        var field = new DataField<T?>(name);
        var values = cells.Select(c => c is null ? (T?)null : parse(c)).ToArray();
        return (field, group => group.WriteAsync<T>(field, values, null, null, cancellationToken));
    }
}
