using Epy.Engine.Expressions;

namespace Epy.Engine.Tests.Expressions;

/// <summary>An <see cref="IExpressionContext"/> over named arrays.</summary>
internal sealed class ArrayContext(IReadOnlyDictionary<string, double[]> values) : IExpressionContext
{
    public ReadOnlySpan<double> ValuesOf(string name) => values[name];
}
