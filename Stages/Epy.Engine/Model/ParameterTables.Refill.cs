namespace Epy.Engine.Model;

/// <summary>New values of scalar parameters and of the seasonal minimum, evaluated again in place.</summary>
public sealed partial class ParameterTables
{
    /// <summary>The tables <see cref="Refill"/> evaluates again, in dependency order: null until worked out again.</summary>
    private List<Definition>? _variable;
    private bool _seasonalityVaries;
    private double[]? _cosines;

    /// <summary>
    /// Gives <paramref name="name"/>, a scalar parameter with a constant value, the value
    /// <paramref name="value"/> from the next <see cref="Refill"/> on: the same tables as evaluating
    /// <c>Parameter.Scalar(name, value)</c> afresh.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a scalar parameter with a constant value.</exception>
    internal void SetScalar(string name, double value)
    {
        if (!_byName.TryGetValue(name, out var definition) || definition.Shape != ParameterShape.Scalar || !definition.Values[0].IsConstant)
            throw new ArgumentException($"'{name}' is not a scalar parameter with a constant value", nameof(name));
        if (definition.Constant is null)
            _variable = null;
        definition.Constant = value;
    }

    /// <summary>Gives the seasonality the minimum <paramref name="value"/> from the next <see cref="Refill"/> on.</summary>
    /// <exception cref="InvalidOperationException">The tables have no seasonality.</exception>
    internal void SetSeasonalityMinimum(double value)
    {
        if (_seasonality is null)
            throw new InvalidOperationException("the parameters have no seasonality");
        if (!_seasonalityVaries)
            _variable = null;
        _seasonalityVaries = true;
        _seasonalityMinimum = value;
    }

    /// <summary>
    /// Evaluates again, in place and in dependency order, every table a value set by
    /// <see cref="SetScalar"/> or <see cref="SetSeasonalityMinimum"/> reaches: the same cells as
    /// <see cref="Evaluate"/> with those values, into the same arrays, allocating nothing when every
    /// expression of those parameters is a whole-table one or a constant. Errors throw as
    /// <see cref="Evaluate"/>'s do; the next Refill starts again from the values set.
    /// </summary>
    internal void Refill()
    {
        _variable ??= Variable();
        if (_seasonalityVaries)
        {
            _cosines ??= BalcanSeasonality.Cosines(_seasonality!, Grid);
            BalcanSeasonality.Fill(_seasonality!, _seasonalityMinimum, _cosines, _factors);
        }
        foreach (var definition in _variable)
            FillTable(definition, _tables[definition.Name], definition == _seasonal ? _factors : null);
    }

    /// <summary>
    /// Whether <paramref name="name"/>'s table changes with the values set so far (<c>eigenvalue</c>
    /// never does). Settles once every value a caller sets has been set once.
    /// </summary>
    internal bool Varies(string name)
    {
        _variable ??= Variable();
        return _byName.TryGetValue(name, out var definition) && _variable.Contains(definition);
    }

    /// <summary>The tables set or seasonal, and every table that reads one of them, in dependency order.</summary>
    private List<Definition> Variable()
    {
        var variable = new List<Definition>();
        foreach (var definition in _order)
        {
            if (definition.Constant is not null
                || (_seasonalityVaries && definition == _seasonal)
                || definition.Dependencies.Any(name => variable.Contains(_byName[name])))
            {
                variable.Add(definition);
            }
        }
        return variable;
    }
}
