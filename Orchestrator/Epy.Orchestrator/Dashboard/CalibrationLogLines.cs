using System.Globalization;
using System.Text.RegularExpressions;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A running calibration's generations so far, from the lines its log gets one per completed generation
/// (the stage program's <c>GenerationLog</c>: <c>runner: task 0 (calibration, US-MA): generation 3 of 10, ε 12.5,
/// 100 particles, acceptance 41%, 2.1 s</c>). Only for a task whose result is not written yet: the result is the record.
/// </summary>
public static partial class CalibrationLogLines
{
    /// <summary>The generations <paramref name="lines"/> report, in order (a generation reported twice, by a retried attempt, once: its last line).</summary>
    public static IReadOnlyList<CalibrationGenerationRow> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var generations = new SortedDictionary<int, CalibrationGenerationRow>();
        foreach (var line in lines)
        {
            if (Line().Match(line) is not { Success: true } match
                || !double.TryParse(match.Groups["epsilon"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var epsilon))
                continue;
            var index = int.Parse(match.Groups["generation"].Value, CultureInfo.InvariantCulture) - 1;
            generations[index] = new CalibrationGenerationRow(index, epsilon,
                int.Parse(match.Groups["particles"].Value, CultureInfo.InvariantCulture), null,
                double.Parse(match.Groups["acceptance"].Value, CultureInfo.InvariantCulture) / 100,
                double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        }
        return [.. generations.Values];
    }

    [GeneratedRegex(@": generation (?<generation>\d+) of \d+, ε (?<epsilon>[^,]+), (?<particles>\d+) particles, acceptance (?<acceptance>\d+(\.\d+)?)%, (?<seconds>\d+(\.\d+)?) s")]
    private static partial Regex Line();
}
