namespace Epy.Engine.Expressions;

/// <summary>
/// Supplies the values of the names an <see cref="Expression"/> refers to, for its element-wise
/// evaluation over a table (for example the T×A cells of the parameter tables).
/// </summary>
public interface IExpressionContext
{
    /// <summary>
    /// The values of <paramref name="name"/>, one per element of the destination being evaluated;
    /// the span must stay valid and unchanged during the evaluation.
    /// </summary>
    ReadOnlySpan<double> ValuesOf(string name);
}
