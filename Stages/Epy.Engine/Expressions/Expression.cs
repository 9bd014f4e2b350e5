using System.Buffers;

namespace Epy.Engine.Expressions;

/// <summary>
/// An arithmetic expression over numbers (<c>1</c>, <c>0.5</c>, <c>.5</c>, <c>1e-3</c>), names
/// (<c>[A-Za-z_][A-Za-z0-9_]*</c>), <c>+ - * /</c>, unary <c>-</c> and <c>+</c> and parentheses, as
/// used for parameter values and transition rates (<c>Rt*mu/(eigenvalue*(1-p_asymp))</c>).
/// Parsed once into a small register program with constants folded; evaluated either for one set
/// of values or element-wise over whole spans. Immutable and safe to share between threads.
/// </summary>
public sealed partial class Expression
{
    private const int StackRegisters = 64;

    private readonly string[] _names;
    private readonly Instruction[] _program;
    private readonly Operand _result;
    private readonly int _registerCount;

    private Expression(string text, string[] names, Node root)
    {
        Text = text;
        _names = names;
        (_program, _result, _registerCount) = Compile(root);
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>The distinct names the expression refers to, in order of first appearance.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>True when the expression refers to no name, so its value never changes.</summary>
    public bool IsConstant => _names.Length == 0;

    /// <summary>
    /// Parses <paramref name="text"/>. Errors throw <see cref="ModelValidationException"/> about
    /// <paramref name="field"/>, saying what was found, where (1-based character position) and what
    /// was expected.
    /// </summary>
    public static Expression Parse(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(field);
        var (root, names) = Parser.Parse(text, field);
        return new Expression(text, names, root);
    }

    /// <summary>The value with every name resolved by <paramref name="valueOf"/> (called once per name).</summary>
    public double Evaluate(Func<string, double> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        Span<double> values = _names.Length <= StackRegisters ? stackalloc double[StackRegisters] : new double[_names.Length];
        values = values[.._names.Length];
        for (var i = 0; i < _names.Length; i++)
            values[i] = valueOf(_names[i]);
        return Evaluate(values);
    }

    /// <summary>The value with <c>Names[i]</c> worth <paramref name="values"/>[i].</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        if (values.Length != _names.Length)
            throw new ArgumentException($"\"{Text}\" refers to {_names.Length} names, got {values.Length} values", nameof(values));
        Span<double> registers = _registerCount <= StackRegisters ? stackalloc double[StackRegisters] : new double[_registerCount];
        foreach (var instruction in _program)
        {
            var x = Fetch(instruction.Left, values, registers);
            registers[instruction.Destination] = instruction.Op == Operator.Negate
                ? -x
                : ElementWise.Apply(instruction.Op, x, Fetch(instruction.Right, values, registers));
        }
        return Fetch(_result, values, registers);
    }

    /// <summary>
    /// Evaluates element-wise into <paramref name="destination"/>: element i is the value with every
    /// name worth element i of <see cref="IExpressionContext.ValuesOf"/>. Every name's span must be as
    /// long as <paramref name="destination"/> and must not overlap it. Allocation-free apart from a
    /// pooled scratch buffer for nested sub-expressions.
    /// </summary>
    public void Evaluate(IExpressionContext context, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var length = destination.Length;
        var scratchLength = Math.Max(0, _registerCount - 1) * length;
        var rented = scratchLength > 0 ? ArrayPool<double>.Shared.Rent(scratchLength) : null;
        try
        {
            var scratch = rented.AsSpan(0, scratchLength);
            foreach (var instruction in _program)
                Execute(instruction, context, destination, scratch);
            switch (_result.Kind)
            {
                case OperandKind.Constant:
                    destination.Fill(_result.Value);
                    break;
                case OperandKind.Name:
                    Resolve(context, _result.Index, destination).CopyTo(destination);
                    break;
                default:
                    break; // The program's last instruction wrote register 0, the destination.
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The text of the expression.</summary>
    public override string ToString() => Text;

    private void Execute(Instruction instruction, IExpressionContext context, Span<double> destination, Span<double> scratch)
    {
        var target = Register(instruction.Destination, destination, scratch);
        var left = instruction.Left;
        if (instruction.Op == Operator.Negate)
        {
            if (left.Kind == OperandKind.Constant)
                target.Fill(-left.Value);
            else
                ElementWise.Negate(Span(left, context, destination, scratch), target);
            return;
        }
        var right = instruction.Right;
        switch (left.Kind == OperandKind.Constant, right.Kind == OperandKind.Constant)
        {
            case (true, true):
                target.Fill(ElementWise.Apply(instruction.Op, left.Value, right.Value));
                break;
            case (true, false):
                ElementWise.Apply(instruction.Op, left.Value, Span(right, context, destination, scratch), target);
                break;
            case (false, true):
                ElementWise.Apply(instruction.Op, Span(left, context, destination, scratch), right.Value, target);
                break;
            default:
                ElementWise.Apply(instruction.Op, Span(left, context, destination, scratch), Span(right, context, destination, scratch), target);
                break;
        }
    }

    private ReadOnlySpan<double> Span(Operand operand, IExpressionContext context, Span<double> destination, Span<double> scratch) =>
        operand.Kind == OperandKind.Name
            ? Resolve(context, operand.Index, destination)
            : Register(operand.Index, destination, scratch);

    private ReadOnlySpan<double> Resolve(IExpressionContext context, int index, Span<double> destination)
    {
        var values = context.ValuesOf(_names[index]);
        if (values.Length != destination.Length)
            throw new ArgumentException($"'{_names[index]}' has {values.Length} values for a destination of {destination.Length}", nameof(context));
        if (values.Overlaps(destination))
            throw new ArgumentException($"the destination overlaps the values of '{_names[index]}'", nameof(destination));
        return values;
    }

    private static Span<double> Register(int register, Span<double> destination, Span<double> scratch) =>
        register == 0 ? destination : scratch.Slice((register - 1) * destination.Length, destination.Length);

    private static double Fetch(Operand operand, ReadOnlySpan<double> values, ReadOnlySpan<double> registers) => operand.Kind switch
    {
        OperandKind.Constant => operand.Value,
        OperandKind.Name => values[operand.Index],
        _ => registers[operand.Index],
    };
}
