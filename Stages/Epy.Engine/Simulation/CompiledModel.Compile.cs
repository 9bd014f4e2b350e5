using System.Globalization;
using System.Numerics;
using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

public sealed partial class CompiledModel
{
    /// <summary>
    /// Validates <paramref name="model"/> against the population and initial state and expands it on
    /// <paramref name="grid"/>. Every problem is reported as a <see cref="ModelValidationException"/>
    /// naming the field.
    /// </summary>
    public static CompiledModel Compile(ModelDefinition model, Population population, TimeGrid grid, InitialConditions initial, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(initial);
        options ??= SimulationOptions.Default;

        var compartments = CompartmentIndex(model.Compartments);
        var ages = population.AgeGroups.Count;
        CheckInitial(model, initial, ages);

        var eigenvalue = population.OverallContacts().SpectralRadius();
        var tables = ParameterTables.Evaluate(model.Parameters, grid, ages, eigenvalue, model.ParameterOverrides, model.Seasonality, model.ParameterScalings);
        var (matrices, matrixOfStep) = ContactsPerStep(model.ContactInterventions, population, grid);
        var (mediators, built) = BuildChannels(model, compartments, tables, grid, population);

        // Channels grouped by source, in compartment order: the order epydemix draws in.
        var sources = built
            .Select((c, index) => (c.Source, index))
            .GroupBy(x => x.Source)
            .Select(g => new SourceBlock(g.Key, g.First().index, g.Count()))
            .ToArray();
        sources = [.. sources.Select(block => block with { Fixed = FixedProbabilitiesOf(block, built, grid, ages, options) })];
        var layout = new OutputLayout(
            model.Compartments,
            [.. built.Select(c => $"{model.Compartments[c.Source]}_to_{model.Compartments[c.Target]}")],
            population.AgeGroups,
            grid.Dates);
        var inverseSizes = population.Sizes.Select(n => 1.0 / n).ToArray();
        return new CompiledModel(layout, grid, options, initial.Counts.ToArray(), inverseSizes, matrices, matrixOfStep, mediators, sources, built, eigenvalue);
    }

    /// <summary>
    /// Every transition's rate table on <paramref name="tables"/>, summed into one channel per
    /// (source, target), in the order epydemix draws in (grouped by source in compartment order),
    /// and the mediating compartments in order of first use.
    /// </summary>
    private static (int[] Mediators, Channel[] Channels) BuildChannels(ModelDefinition model, Dictionary<string, int> compartments, ParameterTables tables, TimeGrid grid, Population population)
    {
        var mediators = new List<int>();
        var channels = new List<ChannelBuilder>();
        for (var i = 0; i < model.Transitions.Count; i++)
        {
            var transition = model.Transitions[i];
            var field = $"transitions[{i}]";
            var source = Resolve(compartments, transition.Source, $"{field}.source");
            var target = Resolve(compartments, transition.Target, $"{field}.target");
            if (source == target)
                throw new ModelValidationException($"{field}.target", $"is the same as the source {transition.Source}; a transition must move people between two compartments");
            var rate = tables.EvaluateExpression(transition.Rate, $"{field}.rate");
            CheckNonNegative(rate, grid, population.AgeGroups, $"{field}.rate", transition.Kind == TransitionKind.Vaccination ? "doses" : "rate");

            var channel = channels.Find(c => c.Source == source && c.Target == target);
            if (channel is null)
            {
                channel = new ChannelBuilder(source, target);
                channels.Add(channel);
            }
            switch (transition.Kind)
            {
                case TransitionKind.Spontaneous:
                    channel.AddSpontaneous(rate);
                    break;
                case TransitionKind.Mediated:
                    if (string.IsNullOrEmpty(transition.Mediator))
                        throw new ModelValidationException($"{field}.mediator", "a mediated transition needs the compartment that mediates it");
                    var mediator = Resolve(compartments, transition.Mediator, $"{field}.mediator");
                    var slot = mediators.IndexOf(mediator);
                    if (slot < 0)
                    {
                        slot = mediators.Count;
                        mediators.Add(mediator);
                    }
                    channel.AddMediated(slot, rate);
                    break;
                case TransitionKind.Vaccination:
                    var eligibleNames = transition.Eligible is { Count: > 0 } list ? list : [transition.Source];
                    var eligible = eligibleNames.Select((name, e) => Resolve(compartments, name, $"{field}.eligible[{e}]")).Distinct().ToArray();
                    channel.Vaccinations.Add(new VaccinationTerm(rate, eligible));
                    break;
                default:
                    throw new ModelValidationException($"{field}.type", $"unknown transition kind {transition.Kind}");
            }
        }

        var ordered = channels.OrderBy(c => c.Source).ThenBy(c => channels.IndexOf(c)).Select(c => c.Build()).ToArray();
        return ([.. mediators], ordered);
    }

    internal static Dictionary<string, int> CompartmentIndex(IReadOnlyList<string> compartments)
    {
        if (compartments.Count == 0)
            throw new ModelValidationException("compartments", "a model needs at least one compartment");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < compartments.Count; c++)
        {
            var name = compartments[c];
            if (string.IsNullOrWhiteSpace(name))
                throw new ModelValidationException($"compartments[{c}].id", "is empty");
            if (!index.TryAdd(name, c))
                throw new ModelValidationException($"compartments[{c}].id", $"{name} appears twice");
        }
        return index;
    }

    internal static int Resolve(Dictionary<string, int> compartments, string name, string field) =>
        compartments.TryGetValue(name ?? string.Empty, out var index)
            ? index
            : throw new ModelValidationException(field, $"unknown compartment '{name}'; the model has {string.Join(", ", compartments.Keys)}");

    private static void CheckInitial(ModelDefinition model, InitialConditions initial, int ages)
    {
        if (initial.AgeGroups != ages)
            throw new ModelValidationException("initial_conditions", $"has {initial.AgeGroups} age groups, the population has {ages}");
        if (!initial.Compartments.SequenceEqual(model.Compartments))
            throw new ModelValidationException("initial_conditions", $"lists compartments {string.Join(", ", initial.Compartments)}, the model has {string.Join(", ", model.Compartments)}");
    }

    internal static void CheckNonNegative(ReadOnlySpan<double> table, TimeGrid grid, IReadOnlyList<string> ageGroups, string field, string what)
    {
        var ages = ageGroups.Count;
        // Whole vectors while all are in [0, ∞) (false for NaN), then cell by cell from the first that is not.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var infinity = new Vector<double>(double.PositiveInfinity);
            for (; i <= table.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var cells = new Vector<double>(table[i..]);
                if (!Vector.GreaterThanOrEqualAll(cells, Vector<double>.Zero) || !Vector.LessThanAll(cells, infinity))
                    break;
            }
        }
        for (; i < table.Length; i++)
        {
            if (!(table[i] >= 0) || double.IsInfinity(table[i]))
            {
                var date = grid.Dates[i / ages].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                throw new ModelValidationException(field, $"{what} must be a finite number ≥ 0, got {table[i]} on {date} for age group {ageGroups[i % ages]}");
            }
        }
    }

    private static (double[] Matrices, int[] MatrixOfStep) ContactsPerStep(IReadOnlyList<ContactIntervention> interventions, Population population, TimeGrid grid)
    {
        var ages = population.AgeGroups.Count;
        var layers = population.Layers.Keys.ToArray();
        var factors = new double[grid.Steps, layers.Length];
        for (var t = 0; t < grid.Steps; t++)
        {
            for (var l = 0; l < layers.Length; l++)
                factors[t, l] = 1.0;
        }
        for (var i = 0; i < interventions.Count; i++)
        {
            var intervention = interventions[i];
            var field = $"interventions[{i}]";
            var layer = Array.IndexOf(layers, intervention.Layer);
            if (layer < 0)
                throw new ModelValidationException($"{field}.layer", $"unknown contact layer '{intervention.Layer}'; the population has {string.Join(", ", layers)}");
            if (!(intervention.ScalingFactor >= 0) || double.IsInfinity(intervention.ScalingFactor))
                throw new ModelValidationException($"{field}.scaling_factor", $"must be a finite number ≥ 0, got {intervention.ScalingFactor}");
            if (intervention.End < intervention.Start)
                throw new ModelValidationException($"{field}.end_date", $"{intervention.End:yyyy-MM-dd} is before the start date {intervention.Start:yyyy-MM-dd}");
            var (first, end) = grid.StepsBetween(intervention.Start, intervention.End);
            for (var t = first; t < end; t++)
                factors[t, layer] *= intervention.ScalingFactor;
        }

        // One matrix per distinct row of factors: usually just a handful for a whole season.
        var distinct = new List<double[]>();
        var matrices = new List<double>();
        var matrixOfStep = new int[grid.Steps];
        for (var t = 0; t < grid.Steps; t++)
        {
            var row = Enumerable.Range(0, layers.Length).Select(l => factors[t, l]).ToArray();
            var found = distinct.FindIndex(r => r.AsSpan().SequenceEqual(row));
            if (found < 0)
            {
                found = distinct.Count;
                distinct.Add(row);
                var sum = ContactMatrix.WeightedSum(ages, layers.Select((name, l) => (population.Layers[name], row[l])));
                matrices.AddRange(sum.Values.ToArray());
            }
            matrixOfStep[t] = found;
        }
        return ([.. matrices], matrixOfStep);
    }

    private sealed class ChannelBuilder(int source, int target)
    {
        private readonly List<MediatedTerm> _mediated = [];
        private double[]? _spontaneous;

        public int Source { get; } = source;

        public int Target { get; } = target;

        public List<VaccinationTerm> Vaccinations { get; } = [];

        public void AddSpontaneous(double[] rate) => _spontaneous = Add(_spontaneous, rate);

        public void AddMediated(int slot, double[] rate)
        {
            // Terms of one mediator share its force of infection, so their base rates add.
            var existing = _mediated.FindIndex(m => m.MediatorSlot == slot);
            if (existing < 0)
                _mediated.Add(new MediatedTerm(slot, rate));
            else
                _mediated[existing] = _mediated[existing] with { BaseRate = Add(_mediated[existing].BaseRate, rate) };
        }

        public Channel Build() => new(Source, Target, _spontaneous, [.. _mediated], [.. Vaccinations]);

        private static double[] Add(double[]? sum, double[] rate)
        {
            if (sum is null)
                return (double[])rate.Clone();
            for (var i = 0; i < sum.Length; i++)
                sum[i] += rate[i];
            return sum;
        }
    }
}
