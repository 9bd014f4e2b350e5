using System.Globalization;

namespace Epy.Engine.Calibration;

/// <summary>
/// Settings shared by every ABC strategy. Field names in validation errors are epydemix's keyword
/// arguments (<c>num_particles</c>, <c>max_time</c>, ...) under the given path, so that the stage
/// program can point at the YAML line.
/// </summary>
public abstract record AbcOptions
{
    /// <summary>The default path of the options in a calibration config.</summary>
    public const string DefaultField = "calibration.strategy.options";

    /// <summary>The algorithm these options are for.</summary>
    public abstract AbcStrategy Strategy { get; }

    /// <summary>
    /// How many simulations run at once (default: one per core; 1 runs everything on the calling
    /// thread). Results do not depend on it.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The wall-time budget of the whole calibration (epydemix's <c>max_time</c>), or null for none.
    /// Unlike every other setting it makes results depend on machine speed: where a run stops, and so
    /// what it returns, varies from run to run.
    /// </summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <param name="field">The path of these options, prefixed to each field name in errors.</param>
    /// <exception cref="ModelValidationException">A setting is out of range; its field is named.</exception>
    public virtual void Validate(string field = DefaultField)
    {
        if (Threads < 1)
            throw new ModelValidationException($"{field}.threads", $"must be at least 1, got {Threads}");
        if (MaxTime is { } maxTime && maxTime <= TimeSpan.Zero)
            throw new ModelValidationException($"{field}.max_time", $"must be positive, got {maxTime}");
    }

    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    protected static void RequireCount(long value, string field)
    {
        if (value < 1)
            throw new ModelValidationException(field, $"must be at least 1, got {value}");
    }

    /// <summary>Throws unless <paramref name="value"/> is positive (+∞ allowed when <paramref name="infinityAllowed"/>).</summary>
    protected static void RequirePositive(double value, string field, bool infinityAllowed = false)
    {
        if (!(value > 0.0) || (!infinityAllowed && double.IsPositiveInfinity(value)))
            throw new ModelValidationException(field, $"must be positive{(infinityAllowed ? "" : " and finite")}, got {Format(value)}");
    }

    /// <summary>Throws unless 0 &lt; <paramref name="value"/> ≤ 1.</summary>
    protected static void RequireFraction(double value, string field)
    {
        if (!(value > 0.0 && value <= 1.0))
            throw new ModelValidationException(field, $"must be in (0, 1], got {Format(value)}");
    }

    /// <summary>A number as written in errors.</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
