namespace Epy.Engine.Calibration;

/// <summary>How one compartment starts, as configs say it (a calibrated proportion comes from θ instead).</summary>
public abstract record CompartmentInit(string Compartment)
{
    /// <summary>floor(<paramref name="Value"/> · N_k) people of every age group k.</summary>
    public sealed record Proportion(string Compartment, double Value) : CompartmentInit(Compartment);

    /// <summary>A total count spread over the age groups by their share of the population.</summary>
    public sealed record Count(string Compartment, long Value) : CompartmentInit(Compartment);

    /// <summary>One count per age group.</summary>
    public sealed record Counts(string Compartment, IReadOnlyList<long> Values) : CompartmentInit(Compartment);

    /// <summary>One value per age group: a head count (≥ 1) or a proportion of the group (&lt; 1), as epymodelingsuite reads a list.</summary>
    public sealed record PerAgeGroup(string Compartment, IReadOnlyList<double> Values) : CompartmentInit(Compartment);
}
