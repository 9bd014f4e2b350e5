using System.Globalization;

namespace Epy.Engine.Demography;

/// <summary>
/// Readers for the two CSV shapes of epydemix-data. Every error names the file, and where it
/// applies the line and column (both 1-based; a column is a comma-separated field).
/// </summary>
internal static class EpydemixCsv
{
    private const string AgeDistributionHeader = "group_name,value";

    /// <summary>Reads <c>age_distribution.csv</c>: a <c>group_name,value</c> header, then rows 0..83 and 84+.</summary>
    public static long[] ReadAgeDistribution(string path, string field)
    {
        var lines = ReadLines(path, field);
        if (lines.Count == 0 || lines[0].Trim() != AgeDistributionHeader)
        {
            throw new ModelValidationException(field,
                $"{path}, line 1: expected the header '{AgeDistributionHeader}', got '{(lines.Count == 0 ? "" : lines[0])}'");
        }
        if (lines.Count - 1 != AgeGroups.SingleYearCount)
        {
            throw new ModelValidationException(field,
                $"{path}: has {lines.Count - 1} age rows, expected {AgeGroups.SingleYearCount} (ages 0 to 83 and 84+)");
        }

        var sizes = new long[AgeGroups.SingleYearCount];
        for (var age = 0; age < sizes.Length; age++)
        {
            var lineNumber = age + 2;
            var cells = lines[age + 1].Split(',');
            if (cells.Length != 2)
                throw new ModelValidationException(field, $"{path}, line {lineNumber}: has {cells.Length} columns, expected 2 (group_name,value)");
            var expected = AgeGroups.SingleYearLabel(age);
            if (cells[0].Trim() != expected)
                throw new ModelValidationException(field, $"{path}, line {lineNumber}, column 1: expected age '{expected}', got '{cells[0]}'");
            if (!double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value) || value < 0 || value != Math.Floor(value) || value > (1L << 53))
            {
                throw new ModelValidationException(field,
                    $"{path}, line {lineNumber}, column 2: '{cells[1]}' is not a whole number of people");
            }
            sizes[age] = (long)value;
        }
        return sizes;
    }

    /// <summary>Reads a <paramref name="size"/>×<paramref name="size"/> matrix of non-negative numbers, no header, row-major.</summary>
    public static double[] ReadMatrix(string path, int size, string field)
    {
        var lines = ReadLines(path, field);
        if (lines.Count != size)
            throw new ModelValidationException(field, $"{path}: has {lines.Count} rows, expected {size} ({size}×{size} matrix without header)");

        var values = new double[size * size];
        for (var row = 0; row < size; row++)
        {
            var cells = lines[row].Split(',');
            if (cells.Length != size)
                throw new ModelValidationException(field, $"{path}, line {row + 1}: has {cells.Length} columns, expected {size}");
            for (var column = 0; column < size; column++)
            {
                if (!double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    || !double.IsFinite(value) || value < 0)
                {
                    throw new ModelValidationException(field,
                        $"{path}, line {row + 1}, column {column + 1}: '{cells[column]}' is not a non-negative number");
                }
                values[row * size + column] = value;
            }
        }
        return values;
    }

    /// <summary>The file's lines without trailing blank lines (a final newline is not a row).</summary>
    private static List<string> ReadLines(string path, string field)
    {
        if (!File.Exists(path))
            throw new ModelValidationException(field, $"file {path} is missing");
        var lines = new List<string>(File.ReadAllLines(path));
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
