using System.Text.Json;

namespace Epy.Engine.Calibration;

/// <summary>
/// Projections from a posterior (or the runs of one simulated model): every trajectory on one grid of
/// bins (weeks by default, or any <see cref="Simulation.ResampleFrequency"/>) from the bin of the
/// reference date to the bin of the end date.
/// </summary>
/// <param name="Weeks">The bin labels (last day of each bin; weeks unless resampled otherwise).</param>
/// <param name="Compartments">Compartment names, in the order of the compartment arrays.</param>
/// <param name="Flows">Flow names <c>{source}_to_{target}</c>, in the order of the flow arrays.</param>
/// <param name="AgeGroups">Age group labels.</param>
/// <param name="Quantities">The calibrated quantities' names, in θ order.</param>
/// <param name="Trajectories">The projected trajectories.</param>
public sealed record Projection(
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<string> Compartments,
    IReadOnlyList<string> Flows,
    IReadOnlyList<string> AgeGroups,
    IReadOnlyList<string> Quantities,
    IReadOnlyList<ProjectedTrajectory> Trajectories)
{
    /// <summary>Compact snake_case JSON (part of a Stage B result).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CalibrationJsonContext.Default.Projection);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="JsonException">The JSON is malformed or misses a field.</exception>
    public static Projection FromJson(string json) =>
        JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.Projection) ?? throw new JsonException("a projection cannot be null");

    /// <summary>One series (e.g. <c>Hosp_total</c> or <c>S_to_L_0-4</c>) of trajectory <paramref name="trajectory"/>, per week.</summary>
    public double[] Series(int trajectory, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (values, index, count) = Locate(name);
        var suffix = name[(name.LastIndexOf('_') + 1)..];
        var age = suffix == "total" ? -1 : IndexOfAge(suffix);
        var source = values(Trajectories[trajectory]);
        var ages = AgeGroups.Count;
        var result = new double[Weeks.Count];
        for (var w = 0; w < Weeks.Count; w++)
        {
            var cells = source.AsSpan((w * count + index) * ages, ages);
            var sum = 0.0;
            foreach (var value in cells)
                sum += value;
            result[w] = age < 0 ? sum : cells[age];
        }
        return result;
    }

    private (Func<ProjectedTrajectory, double[]> Values, int Index, int Count) Locate(string name)
    {
        var stem = name[..Math.Max(0, name.LastIndexOf('_'))];
        var flow = Flows.ToList().IndexOf(stem);
        if (flow >= 0)
            return (t => t.Flows, flow, Flows.Count);
        var compartment = Compartments.ToList().IndexOf(stem);
        if (compartment >= 0)
            return (t => t.Compartments, compartment, Compartments.Count);
        throw new KeyNotFoundException($"no projected series '{name}'");
    }

    private int IndexOfAge(string label)
    {
        for (var k = 0; k < AgeGroups.Count; k++)
        {
            if (AgeGroups[k] == label)
                return k;
        }
        throw new KeyNotFoundException($"no age group '{label}'");
    }
}
