using System.Globalization;

namespace Epy.Engine.Calibration;

/// <summary>
/// Checks on a prior's parameters, shared by the prior constructors. They throw
/// <see cref="ArgumentException"/> with a reason that reads on its own (<see cref="Priors.Create"/>
/// prefixes the configuration field).
/// </summary>
internal static class PriorArgument
{
    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static void RequireFinite(double value, string distribution, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{distribution} {name} must be a finite number, got {Format(value)}");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and positive.</summary>
    public static void RequirePositive(double value, string distribution, string name)
    {
        RequireFinite(value, distribution, name);
        if (!(value > 0.0))
            throw new ArgumentException($"{distribution} {name} must be positive, got {Format(value)}");
    }

    /// <summary>Throws unless [<paramref name="lower"/>, <paramref name="upper"/>] is finite and holds more than one double.</summary>
    public static void RequireRepresentable(double lower, double upper, string distribution)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper))
            throw new ArgumentException($"{distribution} support [{Format(lower)}, {Format(upper)}] is too wide to represent");
        if (!(lower < upper))
            throw new ArgumentException($"{distribution} support collapses to the single value {Format(lower)} in double precision; its scale is too small next to loc");
    }

    /// <summary>A value as it would be written in YAML (round-trip, invariant, <c>inf</c> for infinities).</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
