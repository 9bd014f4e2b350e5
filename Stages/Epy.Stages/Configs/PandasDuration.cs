using System.Globalization;

namespace Epy.Stages.Configs;

/// <summary>
/// A duration written as epymodelingsuite's <c>parse_timedelta</c> reads it (the calibration's
/// <c>max_time</c>): first as a pandas Timedelta string (<c>6h</c>, <c>30min</c>, <c>1h30min</c>,
/// <c>1.5h</c>, <c>2 days</c>, <c>1 hour 30 minutes</c>, <c>02:30:00</c>, <c>1 days 02:00:00</c>,
/// ISO 8601 <c>PT6H</c>), then as a fixed-length pandas frequency alias (<c>W</c>, <c>W-SUN</c>,
/// <c>2h</c>, <c>D</c>, <c>T</c>). Months, quarters, years and business days are not fixed lengths and
/// are refused, as there. A number without a unit is refused too: pandas would read <c>"3600"</c> as
/// 3600 nanoseconds and epydemix cannot compare an unquoted <c>3600</c> with a time at all.
/// </summary>
public static class PandasDuration
{
    /// <summary>How a duration is described in errors.</summary>
    public const string Expected = "a duration with a unit, e.g. \"6h\", \"30min\", \"1h30min\", \"3600s\" or \"2 days\"";

    private const double TicksPerNanosecond = 0.01;

    // pandas' timedelta unit abbreviations (looked up in lower case), in ticks of 100 ns.
    private static readonly Dictionary<string, double> Units = new(StringComparer.Ordinal)
    {
        ["w"] = TimeSpan.TicksPerDay * 7,
        ["d"] = TimeSpan.TicksPerDay, ["day"] = TimeSpan.TicksPerDay, ["days"] = TimeSpan.TicksPerDay,
        ["h"] = TimeSpan.TicksPerHour, ["hr"] = TimeSpan.TicksPerHour, ["hour"] = TimeSpan.TicksPerHour, ["hours"] = TimeSpan.TicksPerHour,
        ["m"] = TimeSpan.TicksPerMinute, ["min"] = TimeSpan.TicksPerMinute, ["minute"] = TimeSpan.TicksPerMinute, ["minutes"] = TimeSpan.TicksPerMinute,
        ["s"] = TimeSpan.TicksPerSecond, ["sec"] = TimeSpan.TicksPerSecond, ["second"] = TimeSpan.TicksPerSecond, ["seconds"] = TimeSpan.TicksPerSecond,
        ["ms"] = TimeSpan.TicksPerMillisecond, ["milli"] = TimeSpan.TicksPerMillisecond, ["millis"] = TimeSpan.TicksPerMillisecond,
        ["millisecond"] = TimeSpan.TicksPerMillisecond, ["milliseconds"] = TimeSpan.TicksPerMillisecond,
        ["us"] = TimeSpan.TicksPerMicrosecond, ["µs"] = TimeSpan.TicksPerMicrosecond, ["micro"] = TimeSpan.TicksPerMicrosecond,
        ["micros"] = TimeSpan.TicksPerMicrosecond, ["microsecond"] = TimeSpan.TicksPerMicrosecond, ["microseconds"] = TimeSpan.TicksPerMicrosecond,
        ["ns"] = TicksPerNanosecond, ["nano"] = TicksPerNanosecond, ["nanos"] = TicksPerNanosecond,
        ["nanosecond"] = TicksPerNanosecond, ["nanoseconds"] = TicksPerNanosecond,
    };

    // pandas' deprecated upper-case aliases, still read (with a warning there).
    private static readonly Dictionary<string, string> Deprecated = new(StringComparer.Ordinal)
    {
        ["H"] = "h", ["T"] = "min", ["S"] = "s", ["L"] = "ms", ["U"] = "us", ["N"] = "ns",
    };

    private static readonly string[] WeekAnchors = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        var s = text.Trim();
        if (s.Length == 0)
        {
            error = $"empty duration: expected {Expected}";
            return false;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            error = $"'{text}' has no unit (pandas would read it as nanoseconds): expected {Expected}";
            return false;
        }
        double? ticks = s.StartsWith('P') || s.StartsWith("-P", StringComparison.Ordinal) ? Iso(s)
            : s.Contains(':', StringComparison.Ordinal) ? Clock(s)
            : Pairs(s) ?? Alias(s);
        if (ticks is null)
        {
            error = IsCalendar(s)
                ? $"'{text}' is not a fixed-length duration (months, quarters, years and business days vary): expected {Expected}"
                : $"'{text}' is not a duration: expected {Expected}";
            return false;
        }
        if (!(ticks.Value >= 1) || ticks.Value > TimeSpan.MaxValue.Ticks)
        {
            error = $"'{text}' must be a positive duration: expected {Expected}";
            return false;
        }
        duration = TimeSpan.FromTicks((long)Math.Round(ticks.Value));
        error = null;
        return true;
    }

    /// <summary>Number-unit pairs such as <c>1h30min</c>, <c>1.5 hours</c> or <c>2 days, 3 hours</c>; a leading '-' negates.</summary>
    private static double? Pairs(string s)
    {
        var i = 0;
        var sign = 1.0;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            i++;
        }
        var total = 0.0;
        var pairs = 0;
        while (i < s.Length)
        {
            while (i < s.Length && s[i] is ' ' or ',')
                i++;
            if (i == s.Length)
                break;
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return null;
            while (i < s.Length && s[i] == ' ')
                i++;
            start = i;
            while (i < s.Length && (char.IsLetter(s[i]) || s[i] == 'µ'))
                i++;
            if (i == start || Unit(s[start..i]) is not { } perUnit)
                return null;
            total += number * perUnit;
            pairs++;
        }
        return pairs == 0 ? null : sign * total;
    }

    private static double? Unit(string unit)
    {
        if (unit == "M")
            return null; // months: not a fixed length
        if (Deprecated.TryGetValue(unit, out var replacement))
            unit = replacement;
        return Units.TryGetValue(unit.ToLowerInvariant(), out var ticks) ? ticks : null;
    }

    /// <summary><c>[N day(s)[,]] h:mm[:ss[.f]]</c>.</summary>
    private static double? Clock(string s)
    {
        var sign = 1.0;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..].TrimStart();
        }
        var days = 0.0;
        var space = s.LastIndexOf(' ');
        if (space >= 0)
        {
            if (Pairs(s[..space].TrimEnd(',', ' ')) is not { } dayTicks)
                return null;
            days = dayTicks;
            s = s[(space + 1)..];
        }
        var parts = s.Split(':');
        if (parts.Length is < 2 or > 3)
            return null;
        double total = days;
        double[] scale = [TimeSpan.TicksPerHour, TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond];
        for (var k = 0; k < parts.Length; k++)
        {
            var styles = k == 2 ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (parts[k].Length == 0 || !double.TryParse(parts[k], styles, CultureInfo.InvariantCulture, out var value))
                return null;
            total += value * scale[k];
        }
        return sign * total;
    }

    /// <summary>ISO 8601 <c>P[nD][T[nH][nM][nS]]</c>, as pandas reads it.</summary>
    private static double? Iso(string s)
    {
        var sign = s[0] == '-' ? -1.0 : 1.0;
        s = s[(s.IndexOf('P', StringComparison.Ordinal) + 1)..];
        var total = 0.0;
        var time = false;
        var start = 0;
        var any = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == 'T' && !time && i == start)
            {
                time = true;
                start = i + 1;
                continue;
            }
            if (char.IsAsciiDigit(c) || c == '.')
                continue;
            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return null;
            double? unit = (c, time) switch
            {
                ('D', false) => TimeSpan.TicksPerDay,
                ('H', true) => TimeSpan.TicksPerHour,
                ('M', true) => TimeSpan.TicksPerMinute,
                ('S', true) => TimeSpan.TicksPerSecond,
                _ => null,
            };
            if (unit is null)
                return null;
            total += number * unit.Value;
            any = true;
            start = i + 1;
        }
        return any && start == s.Length ? sign * total : null;
    }

    /// <summary>A fixed-length frequency alias with an optional count: <c>W</c>, <c>2W-SUN</c>, <c>D</c>, <c>h</c>, <c>T</c>...</summary>
    private static double? Alias(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        var count = i == 0 ? 1 : long.Parse(s.AsSpan(0, i), CultureInfo.InvariantCulture);
        var alias = s[i..];
        if (alias.Equals("W", StringComparison.Ordinal)
            || (alias.StartsWith("W-", StringComparison.Ordinal) && WeekAnchors.Contains(alias[2..], StringComparer.Ordinal)))
        {
            return count * 7.0 * TimeSpan.TicksPerDay;
        }
        return alias.Length > 0 && alias != "m" && alias != "w" && Unit(alias) is { } ticks ? count * ticks : null;
    }

    private static bool IsCalendar(string s)
    {
        var alias = s.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var head = alias.Split('-')[0];
        return head is "M" or "MS" or "ME" or "BM" or "BMS" or "BME" or "SM" or "SMS" or "SME" or "Q" or "QS" or "QE" or "BQ" or "BQS" or "BQE"
            or "A" or "AS" or "Y" or "YS" or "YE" or "BA" or "BY" or "BYS" or "BYE" or "B" or "C" or "BH" or "CBH" or "CBMS" or "CBME";
    }
}
