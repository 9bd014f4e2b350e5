namespace Epy.Engine.Calibration;

/// <summary>The configuration names of <see cref="AbcStrategy"/>: <c>rejection</c>, <c>top_fraction</c>, <c>smc</c>.</summary>
public static class AbcStrategyNames
{
    /// <summary>The configuration name of <paramref name="strategy"/>.</summary>
    public static string ToName(this AbcStrategy strategy) => strategy switch
    {
        AbcStrategy.Rejection => "rejection",
        AbcStrategy.TopFraction => "top_fraction",
        AbcStrategy.Smc => "smc",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "not an ABC strategy"),
    };

    /// <summary>Reads a strategy name, ignoring case and surrounding blanks.</summary>
    /// <param name="name">The name from the configuration.</param>
    /// <param name="field">The path of the field, for the error message.</param>
    /// <exception cref="ModelValidationException">The name is not one of the three strategies.</exception>
    public static AbcStrategy Parse(string? name, string field = "calibration.strategy.name")
    {
        foreach (var strategy in Enum.GetValues<AbcStrategy>())
        {
            if (string.Equals(name?.Trim(), strategy.ToName(), StringComparison.OrdinalIgnoreCase))
                return strategy;
        }
        throw new ModelValidationException(field, $"unknown ABC strategy '{name}': expected rejection, top_fraction or smc");
    }
}
