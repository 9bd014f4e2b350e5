using Epy.Stages.ReferenceData;
using Epy.Engine;
using Epy.Engine.Expressions;
using Epy.Engine.Model;

namespace Epy.Stages.Configs;

/// <summary>
/// The checks that look at a basemodel as a whole and across its modelset and output: names that
/// must refer to declared things, counts that must match, priors and samplers that must pair with
/// what is calibrated or sampled, and locations that must exist. Pure: whether population data
/// exists is asked of a function. Every error is collected; nothing stops at the first.
/// </summary>
internal sealed partial class ExperimentValidator
{
    private const string Model = "model";

    private readonly List<ConfigError> _errors = [];
    private readonly BasemodelConfig _model;
    private readonly HashSet<string> _compartments;
    private readonly HashSet<string> _parameters;

    private ExperimentValidator(BasemodelConfig model)
    {
        _model = model;
        _compartments = model.Compartments.Select(c => c.Id.Value).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        _parameters = model.Parameters.Select(p => p.Name.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Checks <paramref name="model"/> with its modelset and output; returns every error and the locations simulated.</summary>
    /// <param name="model">The basemodel.</param>
    /// <param name="modelset">The modelset, or null.</param>
    /// <param name="output">The output config, or null.</param>
    /// <param name="codebook">The known locations; null to leave the locations unresolved (none returned).</param>
    /// <param name="missingPopulationData">Given a location, the population file that is missing, or null when it exists; null to skip the check.</param>
    /// <param name="modelsetUnknown">A config file could not be parsed and may hold the modelset: a missing modelset is not held against the basemodel.</param>
    public static (IReadOnlyList<ConfigError> Errors, IReadOnlyList<LocationCodebookEntry> Locations) Validate(
        BasemodelConfig model,
        ModelsetConfig? modelset,
        OutputConfig? output,
        LocationCodebook? codebook,
        Func<LocationCodebookEntry, string?>? missingPopulationData,
        bool modelsetUnknown = false)
    {
        var validator = new ExperimentValidator(model);
        validator.CheckModel();
        if (!(modelset is null && modelsetUnknown))
            validator.CheckEstimated(modelset);
        var locations = codebook is null ? [] : validator.CheckLocations(model, modelset, codebook, missingPopulationData);
        validator.CheckSeriesNames(modelset?.Calibration, output);
        return (validator._errors, locations);
    }

    private void Error(SourceSpan span, string field, string message) => _errors.Add(ConfigError.At(span, field, message));

    private void CheckModel()
    {
        var ageGroups = _model.Population.AgeGroups.Count;
        if (_model.Timespan.StartDate.Date is { } start && _model.Timespan.EndDate.Value != default && start > _model.Timespan.EndDate.Value)
            Error(_model.Timespan.EndDate.Span, "model.timespan.end_date", $"end_date {_model.Timespan.EndDate.Value:yyyy-MM-dd} must not be before start_date {start:yyyy-MM-dd}");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _model.Compartments.Count; i++)
        {
            var compartment = _model.Compartments[i];
            var field = $"model.compartments[{i}]";
            if (compartment.Id.Value.Length > 0 && !seen.Add(compartment.Id.Value))
                Error(compartment.Id.Span, $"{field}.id", $"compartment '{compartment.Id.Value}' is declared more than once");
            if (compartment.Init.Kind == CompartmentInitKind.PerAgeGroup && ageGroups > 0 && compartment.Init.PerAgeGroup.Count != ageGroups)
                Error(compartment.Init.Span, $"{field}.init", $"expected {ageGroups} values (one per age group), found {compartment.Init.PerAgeGroup.Count}");
        }

        CheckProportionSums();

        for (var i = 0; i < _model.Transitions.Count; i++)
        {
            var transition = _model.Transitions[i];
            var field = $"model.transitions[{i}]";
            CheckCompartment(transition.Source, $"{field}.source");
            CheckCompartment(transition.Target, $"{field}.target");
            CheckCompartment(transition.Mediator, $"{field}.mediator");
            if (transition.Rate is { } rate)
                CheckExpression(rate, $"{field}.rate", constant: false, self: null);
            for (var m = 0; m < (transition.Mediators?.Count ?? 0); m++)
            {
                var mediator = transition.Mediators![m];
                CheckExpression(mediator.Rate, $"{field}.mediators[{m}].rate", constant: false, self: null);
                for (var j = 0; j < mediator.Sources.Count; j++)
                    CheckCompartment(mediator.Sources[j], $"{field}.mediators[{m}].source[{j}]");
            }
        }

        foreach (var parameter in _model.Parameters)
            CheckParameter(parameter, ageGroups);

        if (_model.Vaccination is { } vaccination)
        {
            CheckCompartment(vaccination.OriginCompartment, "model.vaccination.origin_compartment");
            for (var i = 0; i < vaccination.EligibleCompartments.Count; i++)
                CheckCompartment(vaccination.EligibleCompartments[i], $"model.vaccination.eligible_compartments[{i}]");
            for (var i = 0; i < _model.Transitions.Count; i++)
            {
                var t = _model.Transitions[i];
                if (t.Kind == TransitionKind.Vaccination && t.Source.Value.Length > 0 && t.Source.Value != vaccination.OriginCompartment.Value)
                    Error(t.Source.Span, $"model.transitions[{i}].source", $"a vaccination transition's source must be the vaccination origin_compartment '{vaccination.OriginCompartment.Value}'");
            }
        }
        if (_model.Seasonality is { } seasonality)
            CheckParameterName(seasonality.TargetParameter, "model.seasonality.target_parameter");
        for (var i = 0; i < _model.Interventions.Count; i++)
            CheckParameterName(_model.Interventions[i].TargetParameter, $"model.interventions[{i}].target_parameter");
    }

    /// <summary>epymodelingsuite's rule: in every age group, the proportions (inits in (0, 1), scalar or per group) add up to at most 1.</summary>
    private void CheckProportionSums()
    {
        var groups = _model.Population.AgeGroups;
        var sums = new double[groups.Count];
        foreach (var compartment in _model.Compartments)
        {
            var init = compartment.Init;
            for (var k = 0; k < sums.Length; k++)
            {
                var value = init.Kind switch
                {
                    CompartmentInitKind.Proportion => init.Value ?? 0,
                    CompartmentInitKind.PerAgeGroup when k < init.PerAgeGroup.Count => init.PerAgeGroup[k].Value,
                    _ => 0,
                };
                if (value is > 0 and < 1)
                    sums[k] += value;
            }
        }
        for (var k = 0; k < sums.Length; k++)
        {
            if (sums[k] > 1.0)
            {
                Error(_model.Population.Span, "model.compartments",
                    $"the initial proportions of age group '{groups[k].Value}' add up to {sums[k].ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}, more than 1");
                return;
            }
        }
    }

    private void CheckParameter(ParameterConfig parameter, int ageGroups)
    {
        var field = $"model.parameters.{parameter.Name.Value}";
        if (parameter.Name.Value == ParameterTables.EigenvalueName)
            Error(parameter.Name.Span, field, $"'{ParameterTables.EigenvalueName}' is reserved for the contact matrix's spectral radius; choose another name");
        switch (parameter.Kind)
        {
            case ParameterKind.Scalar when parameter.Value is { } value:
                CheckExpression(value, $"{field}.value", constant: true, self: null);
                break;
            case ParameterKind.Calculated when parameter.Value is { } value:
                CheckExpression(value, $"{field}.value", constant: false, self: parameter.Name.Value);
                break;
            case ParameterKind.AgeVarying:
                if (ageGroups > 0 && parameter.Values.Count != ageGroups)
                    Error(parameter.Span, $"{field}.values", $"expected {ageGroups} values (one per age group: {string.Join(", ", _model.Population.AgeGroups.Select(g => g.Value))}), found {parameter.Values.Count}");
                for (var i = 0; i < parameter.Values.Count; i++)
                    CheckExpression(parameter.Values[i], $"{field}.values[{i}]", constant: true, self: null);
                break;
        }
    }

    private void CheckCompartment(Located<string>? name, string field)
    {
        if (name is not null && name.Value.Length > 0 && !_compartments.Contains(name.Value))
            Error(name.Span, field, $"unknown compartment '{name.Value}': expected one of the model's compartments ({string.Join(", ", _model.Compartments.Select(c => c.Id.Value))})");
    }

    private void CheckParameterName(Located<string>? name, string field)
    {
        if (name is not null && name.Value.Length > 0 && !_parameters.Contains(name.Value))
            Error(name.Span, field, $"unknown parameter '{name.Value}': expected one of the model's parameters ({string.Join(", ", _parameters)})");
    }

    /// <summary>Parses an expression and checks its names: none for a constant, declared parameters (or eigenvalue) otherwise.</summary>
    private void CheckExpression(Located<string> text, string field, bool constant, string? self)
    {
        Expression expression;
        try
        {
            expression = Expression.Parse(text.Value, field);
        }
        catch (ModelValidationException exception)
        {
            Error(text.Span, field, exception.Reason);
            return;
        }
        if (constant && !expression.IsConstant)
        {
            Error(text.Span, field, $"expected a number or a constant expression such as 1/1.5, found '{text.Value}' (use type: calculated for expressions over parameters)");
            return;
        }
        foreach (var name in expression.Names)
        {
            if (name == self)
                Error(text.Span, field, $"'{name}' refers to itself");
            else if (name != ParameterTables.EigenvalueName && !_parameters.Contains(name))
                Error(text.Span, field, $"unknown parameter '{name}' in '{text.Value}': expected a declared parameter or {ParameterTables.EigenvalueName}");
        }
    }
}
