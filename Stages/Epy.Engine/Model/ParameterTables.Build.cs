using Epy.Engine.Expressions;

namespace Epy.Engine.Model;

/// <summary>A parsed parameter and how its table is filled.</summary>
public sealed partial class ParameterTables
{
    /// <summary>Fills, checks, scales and overrides a new table of <paramref name="definition"/>, then adds it.</summary>
    private void Add(Definition definition, double[]? seasonalFactors)
    {
        var table = new double[Steps * AgeGroups];
        FillTable(definition, table, seasonalFactors);
        _tables[definition.Name] = table;
    }

    /// <summary>Fills, checks, scales and overrides <paramref name="table"/>, every cell of it, as the table of <paramref name="definition"/>.</summary>
    private void FillTable(Definition definition, double[] table, double[]? seasonalFactors)
    {
        var ageGroups = AgeGroups;
        var steps = Steps;
        var values = definition.Values;
        switch (definition.Shape)
        {
            case ParameterShape.Scalar when definition.Constant is { } constant:
                table.AsSpan().Fill(constant);
                break;
            case ParameterShape.Scalar:
                Fill(values[0], table, 0, table.Length, 1);
                break;
            case ParameterShape.AgeVarying:
                for (var k = 0; k < ageGroups; k++)
                    Fill(values[k], table, k, steps, ageGroups);
                break;
            case ParameterShape.PerDate:
                for (var t = 0; t < steps; t++)
                    Fill(values[t], table, t * ageGroups, ageGroups, 1);
                break;
            default:
                for (var cell = 0; cell < table.Length; cell++)
                    Fill(values[cell], table, cell, 1, 1);
                break;
        }
        var bad = FirstNonFinite(table);
        if (bad >= 0)
            throw new ModelValidationException(definition.Field, $"\"{definition.TextAt(bad, ageGroups)}\" is {table[bad]} {DescribeCell(bad)}");

        if (seasonalFactors is not null)
        {
            for (var t = 0; t < steps; t++)
            {
                var row = table.AsSpan(t * ageGroups, ageGroups);
                ElementWise.Apply(Operator.Multiply, row, seasonalFactors[t], row);
            }
            bad = FirstNonFinite(table);
            if (bad >= 0)
                throw new ModelValidationException(definition.Field, $"times the seasonality factor {seasonalFactors[bad / ageGroups]} is {table[bad]} {DescribeCell(bad)}");
        }

        foreach (var s in definition.Scalings)
        {
            var cells = table.AsSpan(s.First * ageGroups, (s.EndExclusive - s.First) * ageGroups);
            ElementWise.Apply(Operator.Multiply, cells, s.Factor, cells);
        }

        foreach (var o in definition.Overrides)
        {
            var count = o.EndExclusive - o.First;
            if (o.Values.Length == 1)
            {
                Fill(o.Values[0], table, o.First * ageGroups, count * ageGroups, 1);
            }
            else
            {
                for (var k = 0; k < ageGroups; k++)
                    Fill(o.Values[k], table, o.First * ageGroups + k, count, ageGroups);
            }
            bad = FirstNonFinite(table.AsSpan(o.First * ageGroups, count * ageGroups));
            if (bad >= 0)
            {
                var cell = o.First * ageGroups + bad;
                var value = o.Values[o.Values.Length == 1 ? 0 : cell % ageGroups];
                throw new ModelValidationException(o.Field, $"\"{value.Text}\" is {table[cell]} {DescribeCell(cell)}");
            }
        }
    }

    private sealed class Definition(string name, ParameterShape shape, Expression[] values)
    {
        public string Name { get; } = name;

        public string Field { get; } = $"parameters.{name}";

        public ParameterShape Shape { get; } = shape;

        public Expression[] Values { get; } = values;

        /// <summary>The value of a scalar set by <see cref="SetScalar"/>, in place of its constant expression.</summary>
        public double? Constant { get; set; }

        public List<OverrideDefinition> Overrides { get; } = [];

        public List<ScalingDefinition> Scalings { get; } = [];

        /// <summary>Every expression that fills the table, with the field its errors are about.</summary>
        public IEnumerable<(Expression Expression, string Field)> Expressions =>
            Values.Select(v => (v, Field)).Concat(Overrides.SelectMany(o => o.Values.Select(v => (v, o.Field))));

        /// <summary>The parameters this one reads, in order of first appearance.</summary>
        public IEnumerable<string> Dependencies =>
            Expressions.SelectMany(e => e.Expression.Names).Where(n => n != EigenvalueName).Distinct(StringComparer.Ordinal);

        /// <summary>The text of the value of cell <paramref name="cell"/>, for errors.</summary>
        public string TextAt(int cell, int ageGroups) =>
            Constant is { } constant ? constant.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ValueAt(cell, ageGroups).Text;

        /// <summary>The value expression of cell <paramref name="cell"/>.</summary>
        public Expression ValueAt(int cell, int ageGroups) => Shape switch
        {
            ParameterShape.Scalar => Values[0],
            ParameterShape.AgeVarying => Values[cell % ageGroups],
            ParameterShape.PerDate => Values[cell / ageGroups],
            _ => Values[cell],
        };
    }

    /// <summary>A scaling resolved to the steps [First, EndExclusive) of the grid.</summary>
    private sealed record ScalingDefinition(int First, int EndExclusive, double Factor);

    /// <summary>An override resolved to the steps [First, EndExclusive) of the grid.</summary>
    private sealed record OverrideDefinition(string Field, int First, int EndExclusive, Expression[] Values);
}
