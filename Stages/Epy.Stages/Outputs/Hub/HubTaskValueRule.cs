namespace Epy.Stages.Outputs.Hub;

/// <summary>The <c>value</c> column of an output type.</summary>
/// <param name="Type"><c>double</c> or <c>integer</c>.</param>
/// <param name="Minimum">The smallest allowed value, if any.</param>
/// <param name="Maximum">The largest allowed value, if any.</param>
public sealed record HubTaskValueRule(string Type, double? Minimum, double? Maximum)
{
    /// <summary>Why <paramref name="value"/> breaks the rule, or null when it does not.</summary>
    public string? Problem(double value) =>
        !double.IsFinite(value) ? "is not a finite number"
        : Type == "integer" && value != Math.Floor(value) ? $"is not an integer ({Type})"
        : value < Minimum ? $"is below the minimum {Minimum}"
        : value > Maximum ? $"is above the maximum {Maximum}"
        : null;
}
