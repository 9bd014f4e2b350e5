using System.Globalization;

namespace Epy.Stages.Outputs;

/// <summary>How every output CSV spells its cells: invariant culture, round-trip numbers, ISO dates.</summary>
internal static class CsvText
{
    /// <summary>Shortest round-trip form; non-finite values as pandas reads them (<c>nan</c>, <c>inf</c>, <c>-inf</c>).</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>An integer, invariant.</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer (seeds), invariant.</summary>
    public static string Integer(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Quotes a field when it holds a comma, a quote or a line break (RFC 4180).</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Writes one row of already formatted cells, escaping each, then a line feed.</summary>
    public static void Row(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                writer.Write(',');
            writer.Write(Field(cells[i]));
        }
        writer.Write('\n');
    }

    /// <summary>Parses a number as <see cref="Number"/> writes it (also <c>NaN</c>, <c>Infinity</c>).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "NAN":
                value = double.NaN;
                return true;
            case "INF" or "+INF" or "INFINITY":
                value = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
