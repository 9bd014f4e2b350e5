namespace Epy.Engine.Expressions;

/// <summary>The syntax tree and its compilation to a register program.</summary>
public sealed partial class Expression
{
    private enum OperandKind
    {
        Constant,
        Name,
        Register,
    }

    /// <summary>
    /// Compiles the tree to instructions over registers, register 0 being the destination of the
    /// element-wise evaluation: a sub-tree is computed into the lowest register its left neighbours
    /// leave free, so an element-wise pass needs one scratch span per nesting level, not per node.
    /// </summary>
    private static (Instruction[] Program, Operand Result, int RegisterCount) Compile(Node root)
    {
        var program = new List<Instruction>();
        var registerCount = 0;
        var result = Emit(root, 0, program, ref registerCount);
        return ([.. program], result, registerCount);
    }

    private static Operand Emit(Node node, int target, List<Instruction> program, ref int registerCount)
    {
        switch (node)
        {
            case Constant constant:
                return Operand.OfConstant(constant.Value);
            case Reference reference:
                return Operand.OfName(reference.NameIndex);
            case Negation negation:
            {
                var operand = Emit(negation.Operand, target, program, ref registerCount);
                if (operand.Kind == OperandKind.Constant)
                    return Operand.OfConstant(-operand.Value);
                program.Add(new Instruction(Operator.Negate, target, operand, default));
                registerCount = Math.Max(registerCount, target + 1);
                return Operand.OfRegister(target);
            }
            case Binary binary:
            {
                var left = Emit(binary.Left, target, program, ref registerCount);
                var rightTarget = left.Kind == OperandKind.Register ? target + 1 : target;
                var right = Emit(binary.Right, rightTarget, program, ref registerCount);
                if (left.Kind == OperandKind.Constant && right.Kind == OperandKind.Constant)
                    return Operand.OfConstant(ElementWise.Apply(binary.Op, left.Value, right.Value));
                program.Add(new Instruction(binary.Op, target, left, right));
                registerCount = Math.Max(registerCount, target + 1);
                return Operand.OfRegister(target);
            }
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private abstract record Node;

    private sealed record Constant(double Value) : Node;

    private sealed record Reference(int NameIndex) : Node;

    private sealed record Negation(Node Operand) : Node;

    private sealed record Binary(Operator Op, Node Left, Node Right) : Node;

    private readonly record struct Operand(OperandKind Kind, int Index, double Value)
    {
        public static Operand OfConstant(double value) => new(OperandKind.Constant, 0, value);

        public static Operand OfName(int index) => new(OperandKind.Name, index, 0);

        public static Operand OfRegister(int index) => new(OperandKind.Register, index, 0);
    }

    private readonly record struct Instruction(Operator Op, int Destination, Operand Left, Operand Right);
}
