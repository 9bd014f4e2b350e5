using System.Globalization;
using System.Net;

namespace Epy.Orchestrator.Dashboard;

/// <summary>The few helpers the pages are written with: escaping and invariant formatting.</summary>
public static class Html
{
    /// <summary><paramref name="text"/> escaped for an element's text or a double-quoted attribute.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A path segment, escaped for a URL.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A time as <c>2026-11-24 10:15:00 UTC</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time as a <c>&lt;time&gt;</c> element with its ISO 8601 value.</summary>
    public static string TimeElement(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{Time(at)}</time>";

    /// <summary>A duration for people: <c>850 ms</c>, <c>12.4 s</c>, <c>3 min 05 s</c>, <c>2 h 07 min</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        return span.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min"),
        };
    }

    /// <summary>A number with invariant formatting, e.g. for SVG coordinates (<c>12.5</c>).</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An integer with invariant formatting.</summary>
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
