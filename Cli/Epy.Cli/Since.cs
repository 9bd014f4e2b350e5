using System.Globalization;

namespace Epy.Cli;

/// <summary>Reads <c>--since</c>: a duration back from now (<c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>) or a date/time (<c>2026-11-20</c>, ISO 8601, UTC when no offset).</summary>
public static class Since
{
    /// <summary>The moment <paramref name="text"/> names, or null when it names none.</summary>
    public static DateTimeOffset? Parse(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } back)
                return now - back;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
