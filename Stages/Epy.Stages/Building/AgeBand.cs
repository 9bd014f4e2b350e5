using System.Globalization;
using System.Text.RegularExpressions;

namespace Epy.Stages.Building;

/// <summary>
/// An age range [<paramref name="From"/>, <paramref name="To"/>) in years, as vaccine coverage files
/// write them (<c>6 Months - 4 Years</c>, <c>5-12 Years</c>, <c>65+ Years</c>). An open-ended band
/// (<c>65+</c>) is taken to end at <see cref="OpenEnd"/> years, so that overlaps stay finite.
/// </summary>
/// <param name="Label">The band as written.</param>
/// <param name="From">The first age in years (0.5 for six months).</param>
/// <param name="To">The age the band ends before, in years.</param>
public sealed partial record AgeBand(string Label, double From, double To)
{
    /// <summary>The age an open-ended band or age group is taken to end at.</summary>
    public const double OpenEnd = 100.0;

    /// <summary>The band's width in years.</summary>
    public double Width => To - From;

    /// <summary>The years this band shares with <paramref name="other"/> (0 when they are disjoint).</summary>
    public double Overlap(AgeBand other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Math.Max(0.0, Math.Min(To, other.To) - Math.Max(From, other.From));
    }

    /// <summary>Whether <paramref name="other"/> lies inside this band and is smaller.</summary>
    public bool StrictlyContains(AgeBand other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return From <= other.From && other.To <= To && Width > other.Width;
    }

    /// <summary>
    /// Reads a label: <c>A-B</c> (ages A to B included), <c>A+</c>, or a single age <c>A</c>, where each
    /// age is a number optionally followed by <c>Years</c> or <c>Months</c>; null when it is none of these.
    /// </summary>
    public static AgeBand? TryParse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var text = label.Trim();
        var open = OpenPattern().Match(text);
        if (open.Success)
            return new AgeBand(label, Age(open.Groups["a"].Value, open.Groups["au"].Value), OpenEnd);
        var range = RangePattern().Match(text);
        if (range.Success)
        {
            var unit = range.Groups["bu"].Value;
            var from = Age(range.Groups["a"].Value, range.Groups["au"].Value.Length > 0 ? range.Groups["au"].Value : unit);
            var last = Age(range.Groups["b"].Value, unit);
            // "B Years" includes everyone up to their next birthday; "B Months" up to the next month.
            var to = last + (IsMonths(unit) ? 1.0 / 12.0 : 1.0);
            return to > from ? new AgeBand(label, from, to) : null;
        }
        var single = SinglePattern().Match(text);
        if (single.Success)
        {
            var age = Age(single.Groups["a"].Value, single.Groups["au"].Value);
            return new AgeBand(label, age, age + 1.0);
        }
        return null;
    }

    private static bool IsMonths(string unit) => unit.StartsWith("month", StringComparison.OrdinalIgnoreCase);

    private static double Age(string number, string unit)
    {
        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return IsMonths(unit) ? value / 12.0 : value;
    }

    [GeneratedRegex(@"^(?<a>\d+(\.\d+)?)\s*(?<au>years?|months?)?\s*\+\s*(years?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex OpenPattern();

    [GeneratedRegex(@"^(?<a>\d+(\.\d+)?)\s*(?<au>years?|months?)?\s*-\s*(?<b>\d+(\.\d+)?)\s*(?<bu>years?|months?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(?<a>\d+(\.\d+)?)\s*(?<au>years?|months?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SinglePattern();
}
