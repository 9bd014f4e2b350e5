namespace Epy.Engine.Model;

/// <summary>New values of scalar parameters and of the seasonal minimum, evaluated again in place.</summary>
public sealed partial class ParameterTables
{
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
        definition.Constant = value;
    }

    /// <summary>Gives the seasonality the minimum <paramref name="value"/> from the next <see cref="Refill"/> on.</summary>
    /// <exception cref="InvalidOperationException">The tables have no seasonality.</exception>
    internal void SetSeasonalityMinimum(double value)
    {
        if (_seasonality is null)
            throw new InvalidOperationException("the parameters have no seasonality");
        _seasonalityMinimum = value;
    }

    /// <summary>
    /// Evaluates every table again, in place and in dependency order, with the values set since:
    /// the same cells as <see cref="Evaluate"/> with those values, into the same arrays, allocating
    /// nothing when every expression of the parameters is a whole-table one or a number. Errors
    /// throw as <see cref="Evaluate"/>'s do; the next Refill starts again from the values set.
    /// </summary>
    internal void Refill()
    {
        if (_seasonality is not null)
            BalcanSeasonality.Fill(_seasonality, _seasonalityMinimum, Grid, _factors!);
        foreach (var definition in _order)
            FillTable(definition, _tables[definition.Name], definition == _seasonal ? _factors : null);
    }
}
