namespace Epy.Stages.Configs;

/// <summary>
/// The file format of a table (epymodelingsuite's <c>tabular_output_types</c>); its in-memory
/// <c>DataFrame</c> has no file and is refused.
/// </summary>
public enum TabularOutputType
{
    /// <summary><c>CSVBytes</c>: gzip CSV, <c>{name}.csv.gz</c>.</summary>
    CsvGz,

    /// <summary><c>Parquet</c>: <c>{name}.parquet</c>.</summary>
    Parquet,
}
