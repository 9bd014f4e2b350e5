using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Epy.Contracts.Runs;

/// <summary>
/// A run's id: its UTC start time and 8 lowercase hex digits, <c>20261124-101500-a1b2c3d4</c>.
/// Sorting ids sorts runs by start time; the suffix keeps runs started in the same second apart.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RunIdJsonConverter))]
public readonly partial record struct RunId
{
    private RunId(string value) => Value = value;

    /// <summary>The id's text.</summary>
    public string Value { get; }

    /// <summary>A new id for a run started at <paramref name="startedAt"/> with the random <paramref name="suffix"/>.</summary>
    public static RunId New(DateTimeOffset startedAt, uint suffix) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcDateTime:yyyyMMdd-HHmmss}-{suffix:x8}"));

    /// <summary>Parses <paramref name="text"/>, returning false when it is not a run id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RunId id)
    {
        id = default;
        if (text is null || !Pattern().IsMatch(text))
            return false;
        if (!DateTime.TryParseExact(text[..15], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return false;
        id = new RunId(text);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>, throwing a <see cref="FormatException"/> that says what a run id looks like.</summary>
    public static RunId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a run id; expected UTC time and 8 hex digits like 20261124-101500-a1b2c3d4");

    /// <inheritdoc />
    public override string ToString() => Value;

    // \z, not $: $ also matches before a final newline, which let "...\n" through (found by IdParsingFuzzTests).
    [GeneratedRegex(@"^[0-9]{8}-[0-9]{6}-[0-9a-f]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
