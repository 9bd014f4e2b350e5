using System.Globalization;
using System.Text;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A small line of a calibration's ε over its generations (pure SVG, log scale: ε shrinks by factors), the
/// infinite ε of an unscheduled first generation left out. Decorative: the table beside it holds the numbers.
/// </summary>
public static class EpsilonSparkline
{
    private const double Width = 160;
    private const double Height = 36;
    private const double Pad = 3;

    /// <summary>The sparkline of <paramref name="generations"/>, or an empty string with fewer than two finite ε.</summary>
    public static string Render(IReadOnlyList<CalibrationGenerationRow> generations)
    {
        ArgumentNullException.ThrowIfNull(generations);
        var points = generations.Where(g => double.IsFinite(g.Epsilon) && g.Epsilon > 0).Select(g => (g.Index, Log: Math.Log10(g.Epsilon))).ToList();
        if (points.Count < 2)
            return "";
        var (first, last) = (points[0].Index, points[^1].Index);
        var (low, high) = (points.Min(p => p.Log), points.Max(p => p.Log));
        var span = high - low < 1e-12 ? 1 : high - low;
        var line = new StringBuilder();
        foreach (var (index, log) in points)
        {
            var x = Pad + (Width - 2 * Pad) * (index - first) / Math.Max(last - first, 1);
            var y = Pad + (Height - 2 * Pad) * (high - log) / span;
            line.Append(CultureInfo.InvariantCulture, $"{N(x)},{N(y)} ");
        }
        return $"<svg class=\"sparkline\" viewBox=\"0 0 {N(Width)} {N(Height)}\" width=\"{N(Width)}\" height=\"{N(Height)}\" role=\"img\" aria-label=\"ε from {E(G(generations.First(g => double.IsFinite(g.Epsilon)).Epsilon))} to {E(G(generations[^1].Epsilon))} over {I(generations.Count)} generations\"><polyline points=\"{line.ToString().TrimEnd()}\"/></svg>";
    }

    /// <summary>ε for people: 4 significant digits, <c>∞</c> when infinite.</summary>
    public static string G(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("G4", CultureInfo.InvariantCulture);
}
