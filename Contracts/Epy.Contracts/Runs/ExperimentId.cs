using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Epy.Contracts.Runs;

/// <summary>
/// An experiment's id: its folder under <c>experiments/</c> of the forecast repository, used in
/// artifact paths and labels. As the existing tooling accepts: letters, digits, <c>_ - /</c>
/// (<c>^[a-zA-Z0-9_/-]+$</c>), up to 200 characters, never <c>..</c>, never starting or ending with
/// <c>/</c> and never with an empty segment, so it can only name a folder below <c>experiments/</c>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ExperimentIdJsonConverter))]
public readonly partial record struct ExperimentId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 200;

    private ExperimentId(string value) => Value = value;

    /// <summary>The id's text.</summary>
    public string Value { get; }

    /// <summary>Parses <paramref name="text"/>, returning false and a reason when it is not a valid id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ExperimentId id, [NotNullWhen(false)] out string? reason)
    {
        id = default;
        reason = text switch
        {
            null or "" => "is empty",
            { Length: > MaxLength } => $"is longer than {MaxLength} characters",
            _ when !Pattern().IsMatch(text) => "may contain only letters, digits, '_', '-' and '/'",
            _ when text.Contains("..", StringComparison.Ordinal) => "may not contain '..'",
            _ when text.StartsWith('/') || text.EndsWith('/') || text.Contains("//", StringComparison.Ordinal) => "may not start or end with '/' or contain '//'",
            _ => null,
        };
        if (reason is not null)
            return false;
        id = new ExperimentId(text!);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> saying why not.</summary>
    public static ExperimentId Parse(string text) =>
        TryParse(text, out var id, out var reason) ? id : throw new FormatException($"exp_id '{text}' {reason}");

    /// <inheritdoc />
    public override string ToString() => Value;

    // \z, not $: $ also matches before a final newline, which let "...\n" through (found by IdParsingFuzzTests).
    [GeneratedRegex(@"^[A-Za-z0-9_/-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
