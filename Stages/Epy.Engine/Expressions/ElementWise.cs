using System.Numerics;
using System.Runtime.InteropServices;

namespace Epy.Engine.Expressions;

/// <summary>
/// Element-wise arithmetic over spans with <see cref="Vector{T}"/>. Every lane operation is the
/// IEEE operation the scalar path performs, so both paths give bit-identical results. The
/// destination may be one of the inputs (each element is read before it is written).
/// </summary>
internal static class ElementWise
{
    public static void Apply(Operator op, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
    {
        switch (op)
        {
            case Operator.Add: Binary<AddOp>(x, y, destination); break;
            case Operator.Subtract: Binary<SubtractOp>(x, y, destination); break;
            case Operator.Multiply: Binary<MultiplyOp>(x, y, destination); break;
            case Operator.Divide: Binary<DivideOp>(x, y, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator");
        }
    }

    public static void Apply(Operator op, ReadOnlySpan<double> x, double y, Span<double> destination)
    {
        switch (op)
        {
            case Operator.Add: Binary<AddOp>(x, y, destination); break;
            case Operator.Subtract: Binary<SubtractOp>(x, y, destination); break;
            case Operator.Multiply: Binary<MultiplyOp>(x, y, destination); break;
            case Operator.Divide: Binary<DivideOp>(x, y, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator");
        }
    }

    public static void Apply(Operator op, double x, ReadOnlySpan<double> y, Span<double> destination)
    {
        switch (op)
        {
            case Operator.Add: Binary<AddOp>(x, y, destination); break;
            case Operator.Subtract: Binary<SubtractOp>(x, y, destination); break;
            case Operator.Multiply: Binary<MultiplyOp>(x, y, destination); break;
            case Operator.Divide: Binary<DivideOp>(x, y, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator");
        }
    }

    public static double Apply(Operator op, double x, double y) => op switch
    {
        Operator.Add => x + y,
        Operator.Subtract => x - y,
        Operator.Multiply => x * y,
        Operator.Divide => x / y,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator"),
    };

    public static void Negate(ReadOnlySpan<double> x, Span<double> destination)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        for (var i = 0; i < vd.Length; i++)
            vd[i] = -vx[i];
        for (var i = vd.Length * Vector<double>.Count; i < destination.Length; i++)
            destination[i] = -x[i];
    }

    private static void Binary<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
        where TOp : struct, IBinaryOp
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        for (var i = 0; i < vd.Length; i++)
            vd[i] = TOp.Apply(vx[i], vy[i]);
        for (var i = vd.Length * Vector<double>.Count; i < destination.Length; i++)
            destination[i] = TOp.Apply(x[i], y[i]);
    }

    private static void Binary<TOp>(ReadOnlySpan<double> x, double y, Span<double> destination)
        where TOp : struct, IBinaryOp
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        var vy = new Vector<double>(y);
        for (var i = 0; i < vd.Length; i++)
            vd[i] = TOp.Apply(vx[i], vy);
        for (var i = vd.Length * Vector<double>.Count; i < destination.Length; i++)
            destination[i] = TOp.Apply(x[i], y);
    }

    private static void Binary<TOp>(double x, ReadOnlySpan<double> y, Span<double> destination)
        where TOp : struct, IBinaryOp
    {
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
        var vx = new Vector<double>(x);
        for (var i = 0; i < vd.Length; i++)
            vd[i] = TOp.Apply(vx, vy[i]);
        for (var i = vd.Length * Vector<double>.Count; i < destination.Length; i++)
            destination[i] = TOp.Apply(x, y[i]);
    }

    private interface IBinaryOp
    {
        static abstract double Apply(double x, double y);

        static abstract Vector<double> Apply(Vector<double> x, Vector<double> y);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public static double Apply(double x, double y) => x + y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x + y;
    }

    private readonly struct SubtractOp : IBinaryOp
    {
        public static double Apply(double x, double y) => x - y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x - y;
    }

    private readonly struct MultiplyOp : IBinaryOp
    {
        public static double Apply(double x, double y) => x * y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x * y;
    }

    private readonly struct DivideOp : IBinaryOp
    {
        public static double Apply(double x, double y) => x / y;

        public static Vector<double> Apply(Vector<double> x, Vector<double> y) => x / y;
    }
}
