namespace Epy.Stages.Configs;

/// <summary>Calibrated and sampled quantities of the basemodel paired with the modelset's priors and samplers.</summary>
internal sealed partial class ExperimentValidator
{
    private const string Parameters = "parameters";
    private const string Compartments = "compartments";
    private const string StartDate = "start_date";

    private void CheckEstimated(ModelsetConfig? modelset)
    {
        var calibrated = Estimated(ParameterKind.Calibrated, CompartmentInitKind.Calibrated, DateSettingKind.Calibrated);
        var sampled = Estimated(ParameterKind.Sampled, CompartmentInitKind.Sampled, DateSettingKind.Sampled);
        if (modelset?.Calibration is { } calibration)
        {
            CheckPriors(calibrated, calibration, modelset.Span.File);
            Reject(sampled, "sampled", "the modelset calibrates: use calibrated with a prior");
        }
        else if (modelset?.Sampling is { } sampling)
        {
            CheckSamplers(sampled, sampling, modelset.Span.File);
            Reject(calibrated, "calibrated", "the modelset samples: use sampled with a sampler");
        }
        else
        {
            Reject(calibrated, "calibrated", "the experiment has no calibration modelset");
            Reject(sampled, "sampled", "the experiment has no sampling modelset");
        }
    }

    private List<EstimatedQuantity> Estimated(ParameterKind parameterKind, CompartmentInitKind initKind, DateSettingKind dateKind)
    {
        var quantities = new List<EstimatedQuantity>();
        foreach (var parameter in _model.Parameters.Where(p => p.Kind == parameterKind))
            quantities.Add(new(Parameters, parameter.Name.Value, parameter.Span, $"model.parameters.{parameter.Name.Value}.type"));
        for (var i = 0; i < _model.Compartments.Count; i++)
        {
            var compartment = _model.Compartments[i];
            if (compartment.Init.Kind == initKind)
                quantities.Add(new(Compartments, compartment.Id.Value, compartment.Init.Span, $"model.compartments[{i}].init"));
        }
        if (_model.Timespan.StartDate.Kind == dateKind)
            quantities.Add(new(StartDate, StartDate, _model.Timespan.StartDate.Span, "model.timespan.start_date"));
        return quantities;
    }

    private void Reject(List<EstimatedQuantity> quantities, string how, string reason)
    {
        foreach (var quantity in quantities)
            Error(quantity.Span, quantity.Field, $"{quantity.Describe()} is {how}, but {reason}");
    }

    private void CheckPriors(List<EstimatedQuantity> calibrated, CalibrationConfig calibration, string file)
    {
        const string Field = "modelset.calibration";
        var priors = calibration.Parameters.Select(p => (Parameters, p.Name))
            .Concat(calibration.Compartments.Select(c => (Compartments, c.Name)))
            .ToList();
        if (calibration.StartDate is { } start)
            priors.Add((StartDate, new Located<string>(StartDate, start.Span)));

        foreach (var quantity in calibrated.Where(q => !priors.Any(p => p.Item1 == q.Group && p.Name.Value == q.Name)))
        {
            var where = quantity.Group == StartDate ? $"{Field}.start_date" : $"{Field}.{quantity.Group}.{quantity.Name}.prior";
            Error(quantity.Span, quantity.Field, $"{quantity.Describe()} is calibrated but has no prior: expected {where} in {file}");
        }
        foreach (var (group, name) in priors.Where(p => !calibrated.Any(q => q.Group == p.Item1 && q.Name == p.Name.Value)))
        {
            var field = group == StartDate ? $"{Field}.start_date" : $"{Field}.{group}.{name.Value}";
            Error(name.Span, field, $"{Describe(group, name.Value)} has a prior but the basemodel does not calibrate it ({HowDeclared(group, name.Value)})");
        }
    }

    private void CheckSamplers(List<EstimatedQuantity> sampled, SamplingConfig sampling, string file)
    {
        const string Field = "modelset.sampling";
        var named = new Dictionary<(string Group, string Name), SamplerStrategy>();
        for (var s = 0; s < sampling.Samplers.Count; s++)
        {
            var sampler = sampling.Samplers[s];
            var entries = sampler.Compartments.Select((name, i) => (Compartments, name, $"{Field}.samplers[{s}].compartments[{i}]"))
                .Concat(sampler.Parameters.Select((name, i) => (name.Value == StartDate ? StartDate : Parameters, name, $"{Field}.samplers[{s}].parameters[{i}]")));
            foreach (var (group, name, field) in entries)
            {
                if (!sampled.Any(q => q.Group == group && q.Name == name.Value))
                    Error(name.Span, field, $"{Describe(group, name.Value)} is named by a sampler but the basemodel does not sample it ({HowDeclared(group, name.Value)})");
                else if (!named.TryAdd((group, name.Value), sampler.Strategy))
                    Error(name.Span, field, $"{Describe(group, name.Value)} is named by more than one sampler");
                else
                    CheckSamplingSpec(sampling, group, name, field, sampler.Strategy);
            }
        }

        var specs = sampling.Parameters.Select(p => (Parameters, p.Name)).Concat(sampling.Compartments.Select(c => (Compartments, c.Name))).ToList();
        if (sampling.StartDate is { } start)
            specs.Add((StartDate, new Located<string>(StartDate, start.Span)));
        foreach (var quantity in sampled)
        {
            if (!named.ContainsKey((quantity.Group, quantity.Name)))
                Error(quantity.Span, quantity.Field, $"{quantity.Describe()} is sampled but no sampler names it: expected it under {Field}.samplers[].{(quantity.Group == Compartments ? Compartments : Parameters)} in {file}");
            if (!specs.Any(spec => spec.Item1 == quantity.Group && spec.Name.Value == quantity.Name))
            {
                var where = quantity.Group == StartDate ? $"{Field}.start_date" : $"{Field}.{quantity.Group}.{quantity.Name}";
                Error(quantity.Span, quantity.Field, $"{quantity.Describe()} is sampled but has no distribution: expected {where} in {file}");
            }
        }
        foreach (var (group, name) in specs.Where(s => !sampled.Any(q => q.Group == s.Item1 && q.Name == s.Name.Value)))
        {
            var field = group == StartDate ? $"{Field}.start_date" : $"{Field}.{group}.{name.Value}";
            Error(name.Span, field, $"{Describe(group, name.Value)} has a distribution but the basemodel does not sample it ({HowDeclared(group, name.Value)})");
        }
    }

    private void CheckSamplingSpec(SamplingConfig sampling, string group, Located<string> name, string field, SamplerStrategy strategy)
    {
        if (group == StartDate)
            return; // the start date is always an offset distribution (reference_date + days)
        var spec = (group == Parameters ? sampling.Parameters : sampling.Compartments).FirstOrDefault(q => q.Name.Value == name.Value);
        if (spec is null)
            return; // reported once, against the basemodel quantity
        if (strategy == SamplerStrategy.Grid && group == Compartments)
            Error(name.Span, field, $"{ConfigReader.NotSupportedYet} (a grid over {Describe(group, name.Value)}'s min/max range; sample it with LHS)");
        else if (strategy == SamplerStrategy.Grid && spec.Values.Count == 0)
            Error(name.Span, field, $"a grid sampler needs 'values' for {Describe(group, name.Value)}");
        if (strategy == SamplerStrategy.Lhs && spec.Distribution is null && spec.Min is null)
            Error(name.Span, field, $"an LHS sampler needs a 'distribution' for {Describe(group, name.Value)} ('values' are for grid samplers)");
    }

    private string HowDeclared(string group, string name) => group switch
    {
        Parameters when _model.Parameters.FirstOrDefault(p => p.Name.Value == name) is { } p => $"it is declared as type {ConfigNames.Of(p.Kind)}",
        Compartments when _model.Compartments.FirstOrDefault(c => c.Id.Value == name) is { } c => $"its init is {ConfigNames.Of(c.Init.Kind)}",
        StartDate => $"model.timespan.start_date is {ConfigNames.Of(_model.Timespan.StartDate.Kind)}",
        _ => $"the basemodel has no such {(group == Parameters ? "parameter" : "compartment")}",
    };

    private static string Describe(string group, string name) => group switch
    {
        Parameters => $"parameter '{name}'",
        Compartments => $"compartment '{name}'",
        _ => "the start date",
    };

    private sealed record EstimatedQuantity(string Group, string Name, SourceSpan Span, string Field)
    {
        public string Describe() => ExperimentValidator.Describe(Group, Name);
    }
}
