using System.Globalization;
using Epy.Contracts.Reading;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// A CSV file that a config names by a path relative to the forecast repository: found, parsed and
/// its columns located, every failure reported at the config value that named it.
/// </summary>
internal static class RepositoryCsv
{
    /// <summary>
    /// Reads <paramref name="file"/> and picks its columns with <paramref name="columns"/> (whose
    /// <see cref="FormatException"/>s, like the parser's, become errors at <paramref name="field"/>).
    /// </summary>
    public static (CsvTable Table, string Path, T Columns) Read<T>(Located<string> file, string forecastRepo, string field, string what, Func<CsvTable, T> columns)
    {
        var path = RepositoryPaths.Resolve(forecastRepo, file, field);
        if (!File.Exists(path))
            throw BuildErrors.One(file.Span, field, $"the {what} file {path} does not exist");
        try
        {
            var bytes = BoundedFile.ReadAllBytes(path, InputLimits.MaxCsvBytes)
                ?? throw BuildErrors.One(file.Span, field, string.Create(CultureInfo.InvariantCulture,
                    $"{path} is larger than {InputLimits.MaxCsvBytes / (1024 * 1024)} MiB, the most a data file may be"));
            using var reader = new StreamReader(new MemoryStream(bytes));
            var table = CsvTable.Parse(reader);
            return (table, path, columns(table));
        }
        catch (FormatException e)
        {
            throw BuildErrors.One(file.Span, field, $"{path}: {e.Message}");
        }
    }
}
