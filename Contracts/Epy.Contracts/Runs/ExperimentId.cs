using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Epy.Contracts.Runs;

/// <summary>
/// An experiment's id: the folder name under <c>experiments/</c> of the forecast repository, used in
/// artifact paths and labels. Letters, digits, <c>_ - .</c>, up to 100 characters; never a path
/// (<c>/</c>, <c>..</c>) or hidden name.
/// </summary>
public readonly partial record struct ExperimentId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 100;

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
            _ when text.StartsWith('.') => "may not start with '.'",
            _ when !Pattern().IsMatch(text) => "may contain only letters, digits, '_', '-' and '.'",
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

    [GeneratedRegex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
