using Epy.Engine.Model;
using Epy.Engine.Sampling;
using Epy.Engine.Simulation;

namespace Epy.Stages.Building;

/// <summary>
/// One location's sampling task: the model and the sample set, each row a run's sampled parameters,
/// initial proportions and start-date offset (days after <see cref="ReferenceDate"/>).
/// </summary>
/// <param name="Model">The location's model.</param>
/// <param name="Samples">The sample set: every sampler's points, crossed in sampler order.</param>
/// <param name="ReferenceDate">The fixed start date, or the date a sampled offset counts from.</param>
/// <param name="Seed">The basemodel's <c>random_seed</c> (0 when not written); sampler i draws with seed + i.</param>
public sealed record SamplingPlan(LocationModel Model, SampleSet Samples, DateOnly ReferenceDate, ulong Seed)
{
    /// <summary>The start date of row <paramref name="row"/>.</summary>
    public DateOnly StartDate(int row)
    {
        var offset = Samples.Dimensions.Select((d, j) => (d, j)).FirstOrDefault(c => c.d.Target == SampleTarget.StartDateOffset);
        return offset.d is null ? ReferenceDate : ReferenceDate.AddDays((int)Math.Floor(Samples[row, offset.j]));
    }

    /// <summary>The model of row <paramref name="row"/>, from its start date to <paramref name="end"/> (default: the timespan's end).</summary>
    public CompiledModel Compile(int row, DateOnly? end = null, SimulationOptions? options = null)
    {
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        var proportions = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < Samples.Dimensions.Count; j++)
        {
            var column = Samples.Dimensions[j];
            if (column.Target == SampleTarget.Parameter)
                parameters[column.Name] = Samples[row, j];
            else if (column.Target == SampleTarget.InitialProportion)
                proportions[column.Name] = Samples[row, j];
        }
        return Model.Compile(StartDate(row), end ?? Model.Basemodel.Timespan.EndDate.Value, parameters, proportions, options);
    }
}
