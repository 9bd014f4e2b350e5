using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>Where a submission's columns are, by name.</summary>
internal sealed class SubmissionColumns(SubmissionTable table, IReadOnlyList<string> taskIds)
{
    private readonly (string Name, int Index)[] _taskIds = taskIds.Select(n => (n, table.IndexOf(n))).ToArray();

    public int OutputType { get; } = table.IndexOf("output_type");

    public int OutputTypeId { get; } = table.IndexOf("output_type_id");

    public int Value { get; } = table.IndexOf("value");

    /// <summary>The row's task id values; NA or empty cells are null.</summary>
    public IReadOnlyDictionary<string, string?> TaskIdValues(SubmissionTableRow row)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, index) in _taskIds)
            values[name] = SubmissionTable.IsMissing(row.Cells[index]) ? null : row.Cells[index];
        return values;
    }

    /// <summary>Whether task id <paramref name="name"/> holds dates: its name ends in <c>date</c> (hubverse's convention) or its values are dates.</summary>
    public static bool IsDate(string name, HubRound round) =>
        name.EndsWith("date", StringComparison.Ordinal)
        || round.ModelTasks.Select(t => t.TaskId(name)).Any(t => t is { Values.Count: > 0 } && t.Values.All(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)));
}
