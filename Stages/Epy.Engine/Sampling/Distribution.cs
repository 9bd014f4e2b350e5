namespace Epy.Engine.Sampling;

/// <summary>
/// A univariate distribution that a sampler draws from through its quantile function (inverse
/// CDF), so that stratified unit samples (Latin hypercube) become stratified samples of the
/// distribution. Construction does not validate: call <see cref="Validate"/> with the field the
/// distribution came from (the samplers do).
/// </summary>
public abstract record Distribution
{
    /// <summary>True when every value is an integer (<see cref="RandInt"/>).</summary>
    public virtual bool IsInteger => false;

    /// <summary>
    /// The value whose cumulative probability is <paramref name="u"/>, for u in [0, 1]; the bounds
    /// give the support's ends (±∞ for unbounded distributions).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="u"/> is outside [0, 1] or NaN.</exception>
    public abstract double Quantile(double u);

    /// <summary>Throws <see cref="ModelValidationException"/> about <paramref name="field"/> unless the distribution is usable.</summary>
    public abstract void Validate(string field);

    /// <summary>Throws unless <paramref name="u"/> is a probability.</summary>
    protected static void RequireProbability(double u)
    {
        if (!(u >= 0.0 && u <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(u), u, "a quantile's probability must be in [0, 1]");
    }

    /// <summary>Throws about <paramref name="field"/> unless <paramref name="value"/> is finite.</summary>
    protected static void RequireFinite(double value, string name, string field)
    {
        if (!double.IsFinite(value))
            throw new ModelValidationException(field, $"{name} must be a finite number, got {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
