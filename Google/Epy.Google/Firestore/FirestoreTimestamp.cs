using System.Globalization;

namespace Epy.Google.Firestore;

/// <summary>
/// Firestore's timestamps: RFC 3339 in UTC, stored to the microsecond (anything finer is rounded down by
/// Firestore, so it is cut here first and a value reads back as it was written). Firestore answers with 0,
/// 3, 6 or 9 fractional digits, or an offset other than Z; .NET keeps 7.
/// </summary>
public static class FirestoreTimestamp
{
    /// <summary><paramref name="value"/> cut down to a whole microsecond.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>The RFC 3339 text of <paramref name="value"/> in UTC with six fractional digits.</summary>
    public static string Format(DateTimeOffset value) =>
        ToMicroseconds(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses RFC 3339 text with any number of fractional digits (beyond the 7th they are dropped).</summary>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            throw new FormatException($"'{text}' is not an RFC 3339 timestamp");
        return value.ToUniversalTime();
    }

    private static readonly string[] Formats =
["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
}
