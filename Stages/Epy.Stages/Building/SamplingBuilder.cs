using Epy.Engine;
using Epy.Engine.Sampling;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// Turns a sampling modelset into one location's <see cref="SamplingPlan"/>. An LHS sampler draws
/// <c>n_samples</c> points of its quantities (a scipy distribution, or <c>min</c>/<c>max</c> as a
/// uniform range); a grid sampler takes every combination of their <c>values</c> (a randint start
/// date becomes each of its days). Several samplers are crossed, the first varying slowest. The
/// sampler named <c>start_date</c> among parameters draws the start-date offset.
/// </summary>
public static class SamplingBuilder
{
    private const string Field = "modelset.sampling";

    /// <summary>Builds the plan of <paramref name="model"/>'s location.</summary>
    /// <exception cref="ConfigValidationException">A sampled quantity cannot be drawn as configured.</exception>
    public static SamplingPlan Build(Experiment experiment, LocationModel model)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(model);
        var basemodel = experiment.Basemodel;
        var sampling = experiment.Sampling
            ?? throw BuildErrors.One(experiment.Modelset?.Span ?? basemodel.Span, "modelset", "the experiment has no sampling modelset");
        var seed = (ulong)(basemodel.RandomSeed?.Value ?? 0);
        var start = basemodel.Timespan.StartDate;
        var reference = start.Kind == DateSettingKind.Fixed ? start.Date!.Value
            : sampling.StartDate?.ReferenceDate.Value
              ?? throw BuildErrors.One(start.Span, "model.timespan.start_date", "a sampled start date needs the sampling modelset's start_date (reference_date and distribution)");

        SampleSet? samples = null;
        for (var i = 0; i < sampling.Samplers.Count; i++)
        {
            var set = Sample(sampling, sampling.Samplers[i], $"{Field}.samplers[{i}]", seed + (ulong)i);
            samples = samples is null ? set : samples.Cross(set);
        }
        return new SamplingPlan(model, samples ?? SampleSet.Unit, reference, seed);
    }

    private static SampleSet Sample(SamplingConfig sampling, SamplerConfig sampler, string field, ulong seed)
    {
        var names = sampler.Compartments.Select(c => (c, SampleTarget.InitialProportion))
            .Concat(sampler.Parameters.Select(p => (p, p.Value == CalibrationBuilder.StartDate ? SampleTarget.StartDateOffset : SampleTarget.Parameter)))
            .ToList();
        try
        {
            if (sampler.Strategy == SamplerStrategy.Lhs)
            {
                var dimensions = names.Select(n => new SampledDimension(n.Item1.Value, n.Item2, Distribution(sampling, n.Item1, n.Item2))).ToList();
                return LatinHypercube.Sample(dimensions, sampler.NSamples?.Value ?? 0, seed);
            }
            return GridSampler.Sample([.. names.Select(n => new GridDimension(n.Item1.Value, n.Item2, Values(sampling, n.Item1, n.Item2)))]);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(sampler.Span, field, e.Message);
        }
    }

    private static Distribution Distribution(SamplingConfig sampling, Located<string> name, SampleTarget target)
    {
        if (target == SampleTarget.StartDateOffset)
        {
            var start = sampling.StartDate ?? throw Missing(name, "start_date");
            return DistributionBuilder.Distribution(start.Distribution, $"{Field}.start_date.distribution");
        }
        var quantity = Find(sampling, name, target);
        var field = $"{Field}.{Section(target)}.{name.Value}";
        if (quantity.Distribution is { } distribution)
            return DistributionBuilder.Distribution(distribution, $"{field}.distribution");
        if (quantity.Min is { } min && quantity.Max is { } max)
            return new Uniform(min.Value, max.Value);
        throw BuildErrors.One(quantity.Span, field, "an LHS sampler needs a 'distribution' or 'min' and 'max'; 'values' are for grid samplers");
    }

    private static IReadOnlyList<double> Values(SamplingConfig sampling, Located<string> name, SampleTarget target)
    {
        if (target == SampleTarget.StartDateOffset)
        {
            var start = sampling.StartDate ?? throw Missing(name, "start_date");
            var field = $"{Field}.start_date.distribution";
            return DistributionBuilder.Distribution(start.Distribution, field) is RandInt days
                ? [.. Enumerable.Range(0, (int)Math.Min(days.Count, int.MaxValue)).Select(k => (double)(days.Low + k))]
                : throw BuildErrors.One(start.Distribution.Span, field, "a grid over the start date needs a randint distribution of days");
        }
        var quantity = Find(sampling, name, target);
        return quantity.Values.Count > 0
            ? [.. quantity.Values.Select(v => v.Value)]
            : throw BuildErrors.One(quantity.Span, $"{Field}.{Section(target)}.{name.Value}", "a grid sampler needs 'values'");
    }

    private static SampledQuantityConfig Find(SamplingConfig sampling, Located<string> name, SampleTarget target)
    {
        var list = target == SampleTarget.InitialProportion ? sampling.Compartments : sampling.Parameters;
        return list.FirstOrDefault(q => q.Name.Value == name.Value) ?? throw Missing(name, $"{Section(target)}.{name.Value}");
    }

    private static ConfigValidationException Missing(Located<string> name, string section) =>
        BuildErrors.One(name.Span, $"{Field}.samplers", $"'{name.Value}' is sampled but {Field}.{section} does not say how");

    private static string Section(SampleTarget target) => target == SampleTarget.InitialProportion ? "compartments" : "parameters";
}
