using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>Collects problems; the same problem on many rows becomes one line naming them all.</summary>
internal sealed class SubmissionProblems
{
    private const int RangesShown = 6;
    private readonly List<(string Check, string Message, List<int>? Lines, string? Where)> _found = [];
    private readonly Dictionary<(string, string), List<int>> _byRows = [];

    public int Count => _found.Count;

    /// <summary>A problem of row <paramref name="line"/>.</summary>
    public void Row(string check, int line, string message)
    {
        if (!_byRows.TryGetValue((check, message), out var lines))
        {
            _byRows[(check, message)] = lines = [];
            _found.Add((check, message, lines, null));
        }
        lines.Add(line);
    }

    /// <summary>A problem of a task, of several rows, or of the whole file.</summary>
    public void Add(string check, string where, string message) => _found.Add((check, message, null, where));

    public IReadOnlyList<SubmissionProblem> ToList() =>
        _found.Select(f => new SubmissionProblem(f.Check, f.Where ?? Lines(f.Lines!), f.Message)).ToList();

    /// <summary><c>line 4</c>, <c>lines 4, 9-12</c>, <c>lines 4-9, ... (250 rows)</c>.</summary>
    public static string Lines(IReadOnlyCollection<int> lines)
    {
        var sorted = lines.Distinct().Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            ranges.Add(i == j ? Text(sorted[i]) : $"{Text(sorted[i])}-{Text(sorted[j])}");
            i = j + 1;
        }
        var shown = string.Join(", ", ranges.Take(RangesShown)) + (ranges.Count > RangesShown ? ", ..." : "");
        return sorted.Count == 1 ? $"line {shown}" : $"lines {shown} ({Text(sorted.Count)} rows)";
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
