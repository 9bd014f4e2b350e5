namespace Epy.Stages.ReferenceData;

/// <summary>
/// The cells a data file uses for "no value": empty, or one of the markers pandas' <c>read_csv</c> reads
/// as NaN by default (<c>NA</c>, <c>NaN</c>, <c>null</c>, <c>N/A</c>, ...), as hubverse target data writes
/// <c>NA</c>. epymodelingsuite reads observed files with pandas, so these are missing values there too.
/// </summary>
public static class MissingValue
{
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>Whether <paramref name="cell"/> (spaces around it ignored) means no value.</summary>
    public static bool Is(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Markers.Contains(cell.Trim());
    }
}
