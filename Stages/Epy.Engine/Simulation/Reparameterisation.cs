using Epy.Engine.Expressions;
using Epy.Engine.Model;

namespace Epy.Engine.Simulation;

/// <summary>
/// Puts new values of scalar parameters, of the seasonal minimum and of the initial state into one
/// <see cref="CompiledModel"/>, in place and without allocating: the model's parameter tables are
/// kept evaluated and its transitions' rates kept parsed, and each rate is evaluated straight into
/// the model's own array (summed in the order compiling sums it, so the cells are the same to the
/// bit). What a calibration particle changes, without compiling the contacts, layout and buffers
/// again. A <see cref="Simulator"/> on the model must then <see cref="Simulator.Refresh"/>. Owned
/// by one thread, like the model it changes.
/// </summary>
internal sealed class Reparameterisation
{
    /// <summary>The key in <see cref="_set"/> of the seasonal minimum (not a parameter name: those are identifiers).</summary>
    private const string SeasonalityMinimum = "seasonality.min_value";

    private readonly CompiledModel _model;
    private readonly ParameterTables _tables;
    private readonly RateTerm[] _terms;
    private readonly double[] _scratch;
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    // What TryApply evaluates again: the terms of every array a set value reaches, and the sources
    // whose fixed probabilities read them. Null until worked out again (a value set for the first time).
    private RateTerm[]? _active;
    private int[] _changedSources = [];

    /// <summary>Takes over <paramref name="model"/>, compiled from <paramref name="definition"/> (on its own grid and population).</summary>
    public Reparameterisation(CompiledModel model, ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(definition);
        _model = model;
        var ages = model.Layout.AgeGroupCount;
        _tables = ParameterTables.Evaluate(definition.Parameters, model.Grid, ages, model.Eigenvalue,
            definition.ParameterOverrides, definition.Seasonality, definition.ParameterScalings);
        _terms = Terms(model, definition);
        _scratch = new double[model.Grid.Steps * ages];
    }

    /// <summary>Gives the scalar parameter <paramref name="name"/> (a constant in the definition) the value <paramref name="value"/> at the next <see cref="TryApply"/>.</summary>
    public void SetParameter(string name, double value)
    {
        _tables.SetScalar(name, value);
        if (_set.Add(name))
            _active = null;
    }

    /// <summary>Gives the seasonality the minimum <paramref name="value"/> at the next <see cref="TryApply"/>.</summary>
    public void SetSeasonalityMinimum(double value)
    {
        _tables.SetSeasonalityMinimum(value);
        if (_set.Add(SeasonalityMinimum))
            _active = null;
    }

    /// <summary>Sets the model's initial state (compartments × age groups, as <see cref="InitialConditions.Counts"/>).</summary>
    public void SetInitial(ReadOnlySpan<int> counts)
    {
        if (counts.Length != _model.Initial.Length)
            throw new ArgumentException($"needs {_model.Initial.Length} counts, got {counts.Length}", nameof(counts));
        counts.CopyTo(_model.Initial);
    }

    /// <summary>
    /// Evaluates again, into the model, the parameter tables the values set reach, the rate arrays
    /// those tables feed, and the fixed probabilities of the sources those arrays belong to (the
    /// rest cannot have changed since the model was compiled). False when a source's rates start or stop varying in time: the model then
    /// holds the new rates with the old probabilities and must be compiled afresh. Errors (a rate
    /// below zero, a value that is not finite) throw as compiling does; the model is then
    /// inconsistent until the next TryApply that succeeds.
    /// </summary>
    public bool TryApply()
    {
        _tables.Refill();
        _active ??= Active();
        var ageGroups = _model.Layout.AgeGroups;
        foreach (var term in _active)
        {
            _tables.EvaluateExpression(term.Rate, term.Field, _scratch);
            CompiledModel.CheckNonNegative(_scratch, _model.Grid, ageGroups, term.Field, term.What);
            if (term.Adds)
            {
                var sum = term.Into;
                for (var i = 0; i < sum.Length; i++)
                    sum[i] += _scratch[i];
            }
            else
            {
                _scratch.CopyTo(term.Into, 0);
            }
        }
        return _model.TryPrepareProbabilitiesAgain(_changedSources);
    }

    /// <summary>
    /// The terms of every array that a table the set values reach feeds (all of that array's terms,
    /// in order, so it is filled and summed as compiling does), and the sources they change.
    /// </summary>
    private RateTerm[] Active()
    {
        var changed = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        foreach (var term in _terms)
        {
            if (term.Rate.Names.Any(_tables.Varies))
                changed.Add(term.Into);
        }
        _changedSources = [.. Enumerable.Range(0, _model.Sources.Length).Where(s =>
            _model.Channels.AsSpan(_model.Sources[s].FirstChannel, _model.Sources[s].ChannelCount).ToArray().Any(c => c.Spontaneous is { } rates && changed.Contains(rates)))];
        return [.. _terms.Where(term => changed.Contains(term.Into))];
    }

    /// <summary>Every transition's rate, in order, with the model's array it fills or adds to.</summary>
    private static RateTerm[] Terms(CompiledModel model, ModelDefinition definition)
    {
        var compartments = CompiledModel.CompartmentIndex(definition.Compartments);
        var filled = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        var vaccinations = new Dictionary<CompiledModel.Channel, int>(ReferenceEqualityComparer.Instance);
        var terms = new RateTerm[definition.Transitions.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            var transition = definition.Transitions[i];
            var field = $"transitions[{i}]";
            var source = CompiledModel.Resolve(compartments, transition.Source, $"{field}.source");
            var target = CompiledModel.Resolve(compartments, transition.Target, $"{field}.target");
            var channel = Array.Find(model.Channels, c => c.Source == source && c.Target == target)
                ?? throw new ArgumentException($"{field}: the model has no channel {transition.Source} → {transition.Target}", nameof(definition));
            var into = transition.Kind switch
            {
                TransitionKind.Spontaneous => channel.Spontaneous,
                TransitionKind.Mediated => MediatedTerm(model, channel, CompiledModel.Resolve(compartments, transition.Mediator ?? "", $"{field}.mediator")),
                TransitionKind.Vaccination => NextVaccination(channel, vaccinations),
                _ => null,
            } ?? throw new ArgumentException($"{field}: the model has no {transition.Kind} term for it", nameof(definition));
            terms[i] = new RateTerm(Expression.Parse(transition.Rate, $"{field}.rate"), $"{field}.rate",
                transition.Kind == TransitionKind.Vaccination ? "doses" : "rate", into, Adds: !filled.Add(into));
        }
        return terms;
    }

    private static double[]? MediatedTerm(CompiledModel model, CompiledModel.Channel channel, int mediator)
    {
        var slot = Array.IndexOf(model.Mediators, mediator);
        return Array.Find(channel.Mediated, m => m.MediatorSlot == slot)?.BaseRate;
    }

    private static double[]? NextVaccination(CompiledModel.Channel channel, Dictionary<CompiledModel.Channel, int> taken)
    {
        var v = taken.GetValueOrDefault(channel);
        taken[channel] = v + 1;
        return v < channel.Vaccinations.Length ? channel.Vaccinations[v].DosesPerDay : null;
    }

    /// <summary>One transition's rate: evaluated into <paramref name="Into"/>, or added to it when an earlier transition filled it.</summary>
    private sealed record RateTerm(Expression Rate, string Field, string What, double[] Into, bool Adds);
}
