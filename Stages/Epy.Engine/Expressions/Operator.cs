namespace Epy.Engine.Expressions;

/// <summary>An instruction of a compiled <see cref="Expression"/>.</summary>
internal enum Operator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
}
