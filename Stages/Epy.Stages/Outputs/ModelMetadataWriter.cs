namespace Epy.Stages.Outputs;

/// <summary>
/// Writes <c>model_metadata</c>: the run's facts (experiment, run id, config metadata, projection
/// parameters, …) as given, one <c>key,value</c> row each, in the given order.
/// </summary>
public static class ModelMetadataWriter
{
    /// <summary>Writes the CSV (header <c>key,value</c>).</summary>
    /// <exception cref="ArgumentException">A key repeats.</exception>
    public static void Write(TextWriter writer, IReadOnlyList<KeyValuePair<string, string>> facts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(facts);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in facts)
        {
            if (!seen.Add(key))
                throw new ArgumentException($"metadata key '{key}' repeats", nameof(facts));
        }
        CsvText.Row(writer, ["key", "value"]);
        foreach (var (key, value) in facts)
            CsvText.Row(writer, [key, value]);
    }
}
