using System.Text;

namespace Epy.Contracts.Runs;

/// <summary>
/// Label rules of Cloud Batch (and Google Cloud labels generally): keys and values at most 63
/// characters of lowercase letters, digits, <c>_</c> and <c>-</c>; keys start with a letter. Values
/// are sanitised the way the existing pipeline does: lowercase, every other character becomes
/// <c>-</c>, cut to 63.
/// </summary>
public static class Labels
{
    /// <summary>The longest key or value.</summary>
    public const int MaxLength = 63;

    /// <summary>The most labels a resource may carry.</summary>
    public const int MaxCount = 64;

    /// <summary>Sanitises a label value: lowercase, invalid characters to <c>-</c>, at most 63 characters.</summary>
    public static string SanitizeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(Math.Min(value.Length, MaxLength));
        foreach (var c in value)
        {
            if (builder.Length == MaxLength)
                break;
            var lower = char.ToLowerInvariant(c);
            builder.Append(IsAllowed(lower) ? lower : '-');
        }
        return builder.ToString();
    }

    /// <summary>Sanitises a label key like a value, and prefixes <c>l-</c> when it would not start with a letter.</summary>
    public static string SanitizeKey(string key)
    {
        var value = SanitizeValue(key);
        if (value.Length == 0 || !char.IsAsciiLetterLower(value[0]))
            value = SanitizeValue("l-" + value);
        return value;
    }

    /// <summary>True when <paramref name="key"/> is already a valid label key.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxLength && char.IsAsciiLetterLower(key[0]) && key.All(IsAllowed);

    /// <summary>True when <paramref name="value"/> is already a valid label value (empty allowed).</summary>
    public static bool IsValidValue(string value) => value.Length <= MaxLength && value.All(IsAllowed);

    private static bool IsAllowed(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-';
}
