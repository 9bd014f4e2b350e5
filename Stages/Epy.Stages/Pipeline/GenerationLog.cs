using System.Globalization;
using Epy.Engine.Calibration;

namespace Epy.Stages.Pipeline;

/// <summary>
/// A calibration task's progress in its log, a line per completed generation:
/// <c>runner: task 0 (calibration, US-MA): generation 3 of 10, ε 12.5, 100 particles, acceptance 41%, 2.1 s</c>.
/// The local progress display shows a running task's last such line.
/// </summary>
public sealed class GenerationLog(TextWriter log, int task, string location, int generations) : IProgress<CalibrationGeneration>
{
    /// <summary>What a line starts with, for readers of the log.</summary>
    public const string Marker = ": generation ";

    /// <inheritdoc/>
    public void Report(CalibrationGeneration value)
    {
        ArgumentNullException.ThrowIfNull(value);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runner: task {task} (calibration, {location}){Marker}{value.Index + 1} of {generations}, ε {value.Epsilon:G4}, {value.Count} particles, acceptance {value.AcceptanceRate * 100:F0}%, {value.WallTimeSeconds:F1} s"));
        log.Flush();
    }
}
