namespace Epy.Engine.Model;

/// <summary>How a transition's per-capita rate is formed.</summary>
public enum TransitionKind
{
    /// <summary>A constant per-capita rate: <c>rate</c>.</summary>
    Spontaneous,

    /// <summary>
    /// Contact-driven: for age group k, <c>rate · Σ_j C[k, j] · X[mediator, j] / N[j]</c>, with C the
    /// overall contact matrix of the step's date and N the fixed census size.
    /// </summary>
    Mediated,

    /// <summary>
    /// Doses turned into a rate: <c>rate</c> is the number of doses per day for age group k,
    /// shared over the eligible compartments, so the per-capita probability of a step is
    /// doses·dt / Σ eligible, and the rate is −ln(1 − that)/dt.
    /// </summary>
    Vaccination,
}

/// <summary>
/// One transition of a model. Transitions with the same source and target add their rates and are
/// drawn and reported together as <c>{source}_to_{target}</c>.
/// </summary>
/// <param name="Source">The compartment people leave.</param>
/// <param name="Target">The compartment they enter.</param>
/// <param name="Kind">How the rate is formed.</param>
/// <param name="Rate">An expression over the parameters, per day (doses per day for vaccination).</param>
/// <param name="Mediator">The infectious compartment of a mediated transition.</param>
/// <param name="Eligible">The compartments that share the doses of a vaccination (default: the source).</param>
public sealed record Transition(
    string Source,
    string Target,
    TransitionKind Kind,
    string Rate,
    string? Mediator = null,
    IReadOnlyList<string>? Eligible = null)
{
    /// <summary>A spontaneous transition.</summary>
    public static Transition Spontaneous(string source, string target, string rate) => new(source, target, TransitionKind.Spontaneous, rate);

    /// <summary>A mediated (contact-driven) transition.</summary>
    public static Transition Mediated(string source, string target, string mediator, string rate) =>
        new(source, target, TransitionKind.Mediated, rate, mediator);

    /// <summary>A vaccination transition with doses per day <paramref name="doses"/> (an expression, usually a per-date-and-age parameter).</summary>
    public static Transition Vaccination(string source, string target, string doses, IReadOnlyList<string> eligible) =>
        new(source, target, TransitionKind.Vaccination, doses, null, eligible);
}
