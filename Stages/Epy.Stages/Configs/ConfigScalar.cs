using System.Globalization;

namespace Epy.Stages.Configs;

/// <summary>A scalar option value: its text, and its number when the text is one.</summary>
/// <param name="Text">The value as written.</param>
/// <param name="Number">The value as a number, or null when it is not one.</param>
public sealed record ConfigScalar(string Text, double? Number)
{
    /// <summary>Reads <paramref name="text"/>, recognising invariant-culture numbers.</summary>
    public static ConfigScalar From(string text) =>
        new(text, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null);
}
