using System.Numerics;
using Epy.Engine.Expressions;

namespace Epy.Engine.Model;

/// <summary>
/// Every parameter of a model expanded to a table of T×A values (T = steps of the grid,
/// A = age groups), row-major: cell (t, k) is at index <c>t·A + k</c>. Built once per simulation
/// by <see cref="Evaluate"/>, with seasonality and overrides applied; read-only afterwards and safe
/// to share between threads, except the tables a calibration thread owns and evaluates again in
/// place for each particle (<see cref="SetScalar"/>, <see cref="Refill"/>). Rates over the
/// parameters are evaluated with <see cref="EvaluateExpression(Expression, string, Span{double})"/>.
/// </summary>
public sealed partial class ParameterTables : IExpressionContext
{
    /// <summary>The name expressions use for the spectral radius of the contact matrix.</summary>
    public const string EigenvalueName = "eigenvalue";

    private readonly Dictionary<string, double[]> _tables = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    // Kept from Evaluate so that Refill can evaluate the same tables again in place.
    private List<Definition> _order = [];
    private Dictionary<string, Definition> _byName = new(StringComparer.Ordinal);
    private Definition? _seasonal;
    private Seasonality? _seasonality;
    private double _seasonalityMinimum;
    private double[]? _factors;

    private ParameterTables(TimeGrid grid, int ageGroups, double eigenvalue)
    {
        Grid = grid;
        AgeGroups = ageGroups;
        Eigenvalue = eigenvalue;
        var eigenvalues = new double[grid.Steps * ageGroups];
        Array.Fill(eigenvalues, eigenvalue);
        _tables[EigenvalueName] = eigenvalues;
    }

    /// <summary>The time grid the tables follow.</summary>
    public TimeGrid Grid { get; }

    /// <summary>The number of steps T (rows).</summary>
    public int Steps => Grid.Steps;

    /// <summary>The number of age groups A (columns).</summary>
    public int AgeGroups { get; }

    /// <summary>The value of <c>eigenvalue</c> in expressions.</summary>
    public double Eigenvalue { get; }

    /// <summary>The parameters' names, in the order they were declared (without <c>eigenvalue</c>).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The T×A table of <paramref name="name"/>, a parameter or <c>eigenvalue</c>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public ReadOnlySpan<double> this[string name] =>
        _tables.TryGetValue(name, out var table)
            ? table
            : throw new KeyNotFoundException($"no parameter '{name}'; known names: {KnownNames()}");

    /// <summary>Whether <paramref name="name"/> is a parameter or <c>eigenvalue</c>.</summary>
    public bool Contains(string name) => _tables.ContainsKey(name);

    /// <inheritdoc />
    ReadOnlySpan<double> IExpressionContext.ValuesOf(string name) => this[name];

    /// <summary>
    /// A new T×A table of <paramref name="expression"/> (e.g. the rate <c>mu*(1-p_h)</c>) over the
    /// parameters. Errors (syntax, unknown names, non-finite cells) are about <paramref name="field"/>.
    /// </summary>
    public double[] EvaluateExpression(string expression, string field)
    {
        var destination = new double[Steps * AgeGroups];
        EvaluateExpression(expression, field, destination);
        return destination;
    }

    /// <summary>As <see cref="EvaluateExpression(string, string)"/>, into <paramref name="destination"/> (T·A values).</summary>
    public void EvaluateExpression(string expression, string field, Span<double> destination) =>
        EvaluateExpression(Expression.Parse(expression, field), field, destination);

    /// <summary>
    /// Evaluates a parsed <paramref name="expression"/> cell by cell into <paramref name="destination"/>
    /// (T·A values), without allocating: parse once, evaluate per particle.
    /// </summary>
    public void EvaluateExpression(Expression expression, string field, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(field);
        if (destination.Length != Steps * AgeGroups)
            throw new ArgumentException($"needs {Steps * AgeGroups} cells ({Steps} steps × {AgeGroups} age groups), got {destination.Length}", nameof(destination));
        CheckNames(expression, field);
        expression.Evaluate(this, destination);
        var bad = FirstNonFinite(destination);
        if (bad >= 0)
            throw new ModelValidationException(field, $"\"{expression.Text}\" is {destination[bad]} {DescribeCell(bad)}");
    }

    private string KnownNames() => string.Join(", ", _names.Append(EigenvalueName));

    private void CheckNames(Expression expression, string field)
    {
        // Indexed, not foreach: enumerating the interface would allocate on every particle.
        var names = expression.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (!_tables.ContainsKey(names[i]))
                throw UnknownName(expression, names[i], field);
        }
    }

    private ModelValidationException UnknownName(Expression expression, string name, string field) =>
        new(field, $"unknown name '{name}' in \"{expression.Text}\"; known names: {KnownNames()}");

    /// <summary>Fills <paramref name="count"/> cells from <paramref name="first"/>, every <paramref name="stride"/>.</summary>
    private void Fill(Expression expression, double[] table, int first, int count, int stride)
    {
        if (expression.IsConstant)
        {
            var value = expression.Evaluate(ReadOnlySpan<double>.Empty);
            for (var i = 0; i < count; i++)
                table[first + i * stride] = value;
            return;
        }
        if (first == 0 && count == table.Length && stride == 1)
        {
            expression.Evaluate(this, table);
            return;
        }
        var sources = new double[expression.Names.Count][];
        for (var j = 0; j < sources.Length; j++)
            sources[j] = _tables[expression.Names[j]];
        var arguments = new double[sources.Length];
        for (var i = 0; i < count; i++)
        {
            var cell = first + i * stride;
            for (var j = 0; j < sources.Length; j++)
                arguments[j] = sources[j][cell];
            table[cell] = expression.Evaluate(arguments);
        }
    }

    /// <summary>The index of the first NaN or infinite value, or −1.</summary>
    private static int FirstNonFinite(ReadOnlySpan<double> cells)
    {
        // Whole vectors while all are finite (|x| < ∞ is false for NaN and ±∞), then cell by cell from the first that is not.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var infinity = new Vector<double>(double.PositiveInfinity);
            for (; i <= cells.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                if (!Vector.LessThanAll(Vector.Abs(new Vector<double>(cells[i..])), infinity))
                    break;
            }
        }
        for (; i < cells.Length; i++)
        {
            if (!double.IsFinite(cells[i]))
                return i;
        }
        return -1;
    }

    private string DescribeCell(int cell)
    {
        var step = cell / AgeGroups;
        return $"at step {step} ({Grid.Dates[step]:yyyy-MM-dd}), age group {cell % AgeGroups}";
    }
}
