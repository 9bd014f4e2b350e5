using Epy.Stages.ReferenceData;
namespace Epy.Stages.Configs;

/// <summary>Locations, and the series names comparisons and outputs refer to.</summary>
internal sealed partial class ExperimentValidator
{
    private List<LocationCodebookEntry> CheckLocations(
        BasemodelConfig model,
        ModelsetConfig? modelset,
        LocationCodebook codebook,
        Func<LocationCodebookEntry, string?>? missingPopulationData)
    {
        var locations = new List<(LocationCodebookEntry Entry, SourceSpan Span, string Field)>();
        void Resolve(Located<string> name, string field)
        {
            if (string.Equals(name.Value, ModelsetConfig.AllLocations, StringComparison.OrdinalIgnoreCase))
                locations.AddRange(codebook.All.Select(entry => (entry, name.Span, field)));
            else if (codebook.Find(name.Value) is { } entry)
                locations.Add((entry, name.Span, field));
            else
                Error(name.Span, field, $"unknown location '{name.Value}': expected an ISO code of the location codebook (e.g. US-MA) or {ModelsetConfig.AllLocations}");
        }

        if (modelset is not null)
        {
            for (var i = 0; i < modelset.PopulationNames.Count; i++)
                Resolve(modelset.PopulationNames[i], modelset.PopulationNames.Count == 1 && modelset.PopulationNames[0].Value == ModelsetConfig.AllLocations ? "modelset.population_names" : $"modelset.population_names[{i}]");
        }
        if (model.Population.Name is { } own && (modelset is null || modelset.PopulationNames.Count == 0))
            Resolve(own, "model.population.name");

        if (model.Population.ContactMatrix is { } source)
        {
            if (codebook.Find(source.Value) is { } entry)
            {
                if (missingPopulationData?.Invoke(entry) is { } missing)
                    Error(source.Span, "model.population.contact_matrix", $"no population data for {entry.Iso} ({entry.EpydemixName}): expected {missing}");
            }
            else
            {
                Error(source.Span, "model.population.contact_matrix", $"unknown location '{source.Value}': expected an ISO code of the location codebook (e.g. US-MA)");
            }
        }

        var unique = new List<LocationCodebookEntry>();
        foreach (var group in locations.GroupBy(location => location.Entry.Iso, StringComparer.Ordinal))
        {
            var (entry, span, field) = group.First();
            if (group.Count() > 1)
                Error(group.Last().Span, group.Last().Field, $"location '{entry.Iso}' is listed more than once");
            unique.Add(entry);
            if (missingPopulationData?.Invoke(entry) is { } missing)
                Error(span, field, $"no population data for {entry.Iso} ({entry.EpydemixName}): expected {missing}");
        }
        return unique;
    }

    private void CheckSeriesNames(CalibrationConfig? calibration, OutputConfig? output)
    {
        var ages = _model.Population.AgeGroups.Select(group => group.Value).ToArray();
        var transitions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transition in _model.Transitions)
        {
            var stem = $"{transition.Source.Value}_to_{transition.Target.Value}";
            transitions.Add($"{stem}_total");
            transitions.UnionWith(ages.Select(age => $"{stem}_{age}"));
        }
        var compartments = new HashSet<string>(_compartments, StringComparer.Ordinal);
        foreach (var id in _compartments)
        {
            compartments.Add($"{id}_total");
            compartments.UnionWith(ages.Select(age => $"{id}_{age}"));
        }

        if (calibration is not null)
        {
            for (var c = 0; c < calibration.Comparison.Count; c++)
            {
                var simulation = calibration.Comparison[c].Simulation;
                for (var i = 0; i < simulation.Count; i++)
                    CheckTransitionName(transitions, simulation[i], $"modelset.calibration.comparison[{c}].simulation[{i}]");
            }
        }
        foreach (var (series, field) in new[] { (output?.Quantiles, "output.quantiles"), (output?.Trajectories, "output.trajectories") })
        {
            if (series is null)
                continue;
            for (var i = 0; i < series.Transitions.Names.Count; i++)
                CheckTransitionName(transitions, series.Transitions.Names[i], $"{field}.transitions[{i}]");
            for (var i = 0; i < series.Compartments.Names.Count; i++)
            {
                var name = series.Compartments.Names[i];
                if (!compartments.Contains(name.Value))
                    Error(name.Span, $"{field}.compartments[{i}]", $"unknown compartment series '{name.Value}': expected a compartment id of the model followed by _total or _{{age group}}, e.g. {_compartments.FirstOrDefault() ?? "S"}_total");
            }
        }
    }

    private void CheckTransitionName(HashSet<string> transitions, Located<string> name, string field)
    {
        if (!transitions.Contains(name.Value))
        {
            var example = _model.Transitions.Count > 0 ? _model.Transitions[0].TotalName : "S_to_I_total";
            Error(name.Span, field, $"unknown transition '{name.Value}': expected {{source}}_to_{{target}}_total or _{{age group}} for a transition of the model, e.g. {example}");
        }
    }
}
