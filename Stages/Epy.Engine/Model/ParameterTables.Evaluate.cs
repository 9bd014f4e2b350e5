using Epy.Engine.Expressions;

namespace Epy.Engine.Model;

/// <summary>Building the tables: validation, dependency order, seasonality and overrides.</summary>
public sealed partial class ParameterTables
{
    /// <summary>
    /// Expands <paramref name="parameters"/> to T×A tables. Each parameter's value expressions may
    /// refer to other parameters (cell by cell) and to <c>eigenvalue</c>; parameters are evaluated in
    /// dependency order, and a parameter's <paramref name="seasonality"/> and then its
    /// <paramref name="overrides"/> (in list order) are applied before anything that depends on it is
    /// evaluated. Every problem throws <see cref="ModelValidationException"/> naming its field:
    /// <c>parameters.{name}</c>, <c>parameter_overrides[i].parameter</c> / <c>.values</c> / <c>.end</c>,
    /// or <c>seasonality.target_parameter</c> / <c>.min_value</c> / <c>.max_value</c> / <c>.min_date</c>.
    /// </summary>
    /// <param name="parameters">The parameters; names must be distinct and not <c>eigenvalue</c>.</param>
    /// <param name="grid">The time grid (T = <see cref="TimeGrid.Steps"/>).</param>
    /// <param name="ageGroups">The number of age groups A.</param>
    /// <param name="eigenvalue">The spectral radius of the contact matrix, the value of <c>eigenvalue</c>.</param>
    /// <param name="overrides">Replacement values of parameters on date ranges; 1 or A values each.</param>
    /// <param name="seasonality">Balcan seasonality of one parameter, if any.</param>
    /// <param name="scalings">Factors multiplying parameters on date ranges, after seasonality and before overrides (<c>parameter_scalings[i]</c>).</param>
    public static ParameterTables Evaluate(
        IReadOnlyList<Parameter> parameters,
        TimeGrid grid,
        int ageGroups,
        double eigenvalue,
        IReadOnlyList<ParameterOverride>? overrides = null,
        Seasonality? seasonality = null,
        IReadOnlyList<ParameterScaling>? scalings = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ageGroups);
        if (!double.IsFinite(eigenvalue))
            throw new ArgumentOutOfRangeException(nameof(eigenvalue), eigenvalue, "must be a finite number");

        var tables = new ParameterTables(grid, ageGroups, eigenvalue);
        var definitions = Define(parameters, grid.Steps, ageGroups);
        tables._names.AddRange(definitions.Select(d => d.Name));
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        string KnownParameters() => string.Join(", ", tables._names);

        var overrideList = overrides ?? [];
        for (var i = 0; i < overrideList.Count; i++)
            AttachOverride(i, overrideList[i], byName, grid, ageGroups, KnownParameters);

        var scalingList = scalings ?? [];
        for (var i = 0; i < scalingList.Count; i++)
            AttachScaling(i, scalingList[i], byName, grid, KnownParameters);

        Definition? seasonal = null;
        double[]? factors = null;
        if (seasonality is not null)
        {
            if (!byName.TryGetValue(seasonality.TargetParameter ?? "", out seasonal))
                throw new ModelValidationException("seasonality.target_parameter", $"unknown parameter '{seasonality.TargetParameter}'; known parameters: {KnownParameters()}");
            factors = BalcanSeasonality.Factors(seasonality, grid);
        }

        foreach (var definition in definitions)
        {
            foreach (var (expression, field) in definition.Expressions)
            {
                var unknown = expression.Names.FirstOrDefault(name => name != EigenvalueName && !byName.ContainsKey(name));
                if (unknown is not null)
                    throw tables.UnknownName(expression, unknown, field);
            }
        }
        tables._order = Order(definitions, byName);
        tables._byName = byName;
        tables._seasonal = seasonal;
        tables._seasonality = seasonality;
        tables._seasonalityMinimum = seasonality?.MinValue ?? 0.0;
        tables._factors = factors;
        foreach (var definition in tables._order)
            tables.Add(definition, definition == seasonal ? factors : null);
        return tables;
    }

    private static List<Definition> Define(IReadOnlyList<Parameter> parameters, int steps, int ageGroups)
    {
        var definitions = new List<Definition>(parameters.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i] ?? throw new ModelValidationException($"parameters[{i}]", "is missing");
            var name = parameter.Name ?? "";
            var field = $"parameters.{name}";
            if (!IsName(name))
                throw new ModelValidationException(field, $"'{name}' is not a valid name; expected a letter or '_' followed by letters, digits or '_'");
            if (name == EigenvalueName)
                throw new ModelValidationException(field, $"'{EigenvalueName}' is reserved for the spectral radius of the contact matrix; choose another name");
            if (!seen.Add(name))
                throw new ModelValidationException(field, $"parameter '{name}' is defined more than once");
            var values = parameter.Values ?? throw new ModelValidationException(field, "has no values");
            var (expected, what) = parameter.Shape switch
            {
                ParameterShape.Scalar => (1, "scalar needs 1 value"),
                ParameterShape.AgeVarying => (ageGroups, $"age_varying needs {ageGroups} values (one per age group)"),
                ParameterShape.PerDate => (steps, $"per_date needs {steps} values (one per step)"),
                ParameterShape.PerDateAndAge => (steps * ageGroups, $"per_date_and_age needs {steps * ageGroups} values ({steps} steps × {ageGroups} age groups)"),
                _ => throw new ModelValidationException(field, $"unknown shape {parameter.Shape}"),
            };
            if (values.Count != expected)
                throw new ModelValidationException(field, $"{what}, got {values.Count}");
            definitions.Add(new Definition(name, parameter.Shape, ParseAll(values, field)));
        }
        return definitions;
    }

    private static void AttachOverride(int index, ParameterOverride o, Dictionary<string, Definition> byName, TimeGrid grid, int ageGroups, Func<string> knownParameters)
    {
        var prefix = $"parameter_overrides[{index}]";
        if (o is null)
            throw new ModelValidationException(prefix, "is missing");
        if (!byName.TryGetValue(o.Parameter ?? "", out var definition))
            throw new ModelValidationException($"{prefix}.parameter", $"unknown parameter '{o.Parameter}'; known parameters: {knownParameters()}");
        if (o.End < o.Start)
            throw new ModelValidationException($"{prefix}.end", $"{o.End:yyyy-MM-dd} is before the start {o.Start:yyyy-MM-dd}");
        var field = $"{prefix}.values";
        if (o.Values is null || (o.Values.Count != 1 && o.Values.Count != ageGroups))
            throw new ModelValidationException(field, $"needs 1 value (for all age groups) or {ageGroups} (one per age group), got {o.Values?.Count ?? 0}");
        var values = ParseAll(o.Values, field);
        foreach (var value in values)
        {
            if (value.Names.Contains(definition.Name))
                throw new ModelValidationException(field, $"\"{value.Text}\" refers to '{definition.Name}', the parameter it overrides; an override's value cannot depend on it");
        }
        var (first, end) = grid.StepsBetween(o.Start, o.End);
        definition.Overrides.Add(new OverrideDefinition(field, first, end, values));
    }

    private static void AttachScaling(int index, ParameterScaling s, Dictionary<string, Definition> byName, TimeGrid grid, Func<string> knownParameters)
    {
        var prefix = $"parameter_scalings[{index}]";
        if (s is null)
            throw new ModelValidationException(prefix, "is missing");
        if (!byName.TryGetValue(s.Parameter ?? "", out var definition))
            throw new ModelValidationException($"{prefix}.parameter", $"unknown parameter '{s.Parameter}'; known parameters: {knownParameters()}");
        if (s.End < s.Start)
            throw new ModelValidationException($"{prefix}.end", $"{s.End:yyyy-MM-dd} is before the start {s.Start:yyyy-MM-dd}");
        if (!double.IsFinite(s.Factor) || s.Factor < 0)
            throw new ModelValidationException($"{prefix}.factor", $"{s.Factor} is not a number ≥ 0");
        var (first, end) = grid.StepsBetween(s.Start, s.End);
        definition.Scalings.Add(new ScalingDefinition(first, end, s.Factor));
    }

    /// <summary>Parses every value; with several, an error says which one.</summary>
    private static Expression[] ParseAll(IReadOnlyList<string> values, string field)
    {
        var expressions = new Expression[values.Count];
        for (var j = 0; j < expressions.Length; j++)
        {
            try
            {
                expressions[j] = Expression.Parse(values[j] ?? "", field);
            }
            catch (ModelValidationException e) when (expressions.Length > 1)
            {
                throw new ModelValidationException(field, $"value {j}: {e.Reason}", e);
            }
        }
        return expressions;
    }

    /// <summary>Depth-first topological order; a dependency met again while still open is a cycle.</summary>
    private static List<Definition> Order(List<Definition> definitions, Dictionary<string, Definition> byName)
    {
        var order = new List<Definition>(definitions.Count);
        var done = new HashSet<Definition>();
        var path = new List<Definition>();
        foreach (var definition in definitions)
            Visit(definition);
        return order;

        void Visit(Definition definition)
        {
            if (done.Contains(definition))
                return;
            var open = path.IndexOf(definition);
            if (open >= 0)
            {
                var cycle = path.Skip(open).Append(definition).Select(d => d.Name);
                throw new ModelValidationException(definition.Field, $"circular definition {string.Join(" → ", cycle)}");
            }
            path.Add(definition);
            foreach (var name in definition.Dependencies)
                Visit(byName[name]);
            path.RemoveAt(path.Count - 1);
            done.Add(definition);
            order.Add(definition);
        }
    }

    private static bool IsName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
