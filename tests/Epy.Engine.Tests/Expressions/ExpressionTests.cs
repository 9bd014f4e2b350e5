using System.Globalization;
using CsCheck;
using Epy.Engine.Expressions;

namespace Epy.Engine.Tests.Expressions;

public class ExpressionTests
{
    private const string Field = "parameters.beta";

    [Theory]
    [InlineData("1-2-3", -4.0)]
    [InlineData("2*3+4", 10.0)]
    [InlineData("2+3*4", 14.0)]
    [InlineData("-(2)*3", -6.0)]
    [InlineData("8/4/2", 1.0)]
    [InlineData("(1+2)*3", 9.0)]
    [InlineData("2*-3", -6.0)]
    [InlineData("- -2", 2.0)]
    [InlineData("+3", 3.0)]
    [InlineData("-2+5", 3.0)]
    [InlineData(" 1 +\t2 ", 3.0)]
    [InlineData(".5", 0.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("2.5E+2", 250.0)]
    [InlineData("7.", 7.0)]
    public void Evaluate_ConstantExpression_FollowsPrecedenceAndAssociativity(string text, double expected)
    {
        var expression = Expression.Parse(text, Field);

        expression.IsConstant.ShouldBeTrue();
        expression.Evaluate(_ => throw new InvalidOperationException()).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_Division_IsExactIeee()
    {
        Expression.Parse("1/1.5", Field).Evaluate(ReadOnlySpan<double>.Empty).ShouldBe(1 / 1.5);
    }

    [Fact]
    public void Parse_RepeatedNames_ListsDistinctNamesInOrderOfFirstAppearance()
    {
        var expression = Expression.Parse("b*a_1+b-_c/a_1", Field);

        expression.Names.ShouldBe(["b", "a_1", "_c"]);
        expression.Text.ShouldBe("b*a_1+b-_c/a_1");
        expression.IsConstant.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_BetaFormula_MatchesEpymodelingsuite()
    {
        var values = new Dictionary<string, double>
        {
            ["Rt"] = 1.2,
            ["mu"] = 1 / 1.5,
            ["p_asymp"] = 0.45,
            ["r_beta_asymp"] = 0.5,
            ["eigenvalue"] = 14.200176193333611,
        };
        var expression = Expression.Parse("Rt*mu/(eigenvalue*(1-p_asymp+p_asymp*r_beta_asymp))", Field);

        var beta = expression.Evaluate(name => values[name]);

        Math.Abs(beta / 0.07269332791805294 - 1).ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void EvaluateSpan_BetaFormula_EqualsScalarEvaluationInEveryElement()
    {
        var expression = Expression.Parse("Rt*mu/(eigenvalue*(1-p_asymp+p_asymp*r_beta_asymp))", Field);
        var arrays = new Dictionary<string, double[]>
        {
            ["Rt"] = [.. Enumerable.Range(0, 13).Select(i => 0.8 + 0.05 * i)],
            ["mu"] = [.. Enumerable.Repeat(1 / 1.5, 13)],
            ["p_asymp"] = [.. Enumerable.Range(0, 13).Select(i => 0.3 + 0.01 * i)],
            ["r_beta_asymp"] = [.. Enumerable.Repeat(0.5, 13)],
            ["eigenvalue"] = [.. Enumerable.Repeat(14.200176193333611, 13)],
        };
        var destination = new double[13];

        expression.Evaluate(new ArrayContext(arrays), destination);

        for (var i = 0; i < destination.Length; i++)
            destination[i].ShouldBe(expression.Evaluate(name => arrays[name][i]));
    }

    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("-(3)", -3.0)]
    public void EvaluateSpan_ConstantExpression_FillsDestination(string text, double expected)
    {
        var destination = new double[7];

        Expression.Parse(text, Field).Evaluate(new ArrayContext(new Dictionary<string, double[]>()), destination);

        destination.ShouldAllBe(v => v == expected);
    }

    [Fact]
    public void EvaluateSpan_SingleName_CopiesItsValues()
    {
        var destination = new double[5];

        Expression.Parse("(a)", Field).Evaluate(new ArrayContext(new Dictionary<string, double[]> { ["a"] = [1, 2, 3, 4, 5] }), destination);

        destination.ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public void EvaluateSpan_DeeplyNestedExpression_EqualsScalarEvaluation()
    {
        // 100 nested levels need more registers than the scalar path keeps on the stack.
        var text = string.Concat(Enumerable.Repeat("a*(b+", 100)) + "a" + new string(')', 100);
        var expression = Expression.Parse(text, Field);
        var arrays = new Dictionary<string, double[]> { ["a"] = [0.5, -0.25, 1.0], ["b"] = [1.0, 2.0, -0.5] };
        var destination = new double[3];

        expression.Evaluate(new ArrayContext(arrays), destination);

        for (var i = 0; i < destination.Length; i++)
            destination[i].ShouldBe(expression.Evaluate(name => arrays[name][i]));
    }

    [Fact]
    public void EvaluateSpan_ValuesOfWrongLength_Throws()
    {
        var context = new ArrayContext(new Dictionary<string, double[]> { ["a"] = [1, 2] });

        Should.Throw<ArgumentException>(() => Expression.Parse("a*2", Field).Evaluate(context, new double[3]));
    }

    [Fact]
    public void EvaluateSpan_DestinationOverlapsValues_Throws()
    {
        var values = new double[4];
        var context = new ArrayContext(new Dictionary<string, double[]> { ["a"] = values });

        Should.Throw<ArgumentException>(() => Expression.Parse("a*2", Field).Evaluate(context, values));
    }

    [Fact]
    public void Evaluate_WrongNumberOfValues_Throws()
    {
        Should.Throw<ArgumentException>(() => Expression.Parse("a*b", Field).Evaluate([1.0]));
    }

    [Theory]
    [InlineData("beta*()", "unexpected ')' at position 7 in \"beta*()\"; expected a number, a name or '('")]
    [InlineData("beta*(2))", "unexpected ')' at position 9 in \"beta*(2))\"; expected an operator (+ - * /) or the end of the expression")]
    [InlineData("(1+2", "unexpected end of expression in \"(1+2\"; expected ')' to close the '(' at position 1")]
    [InlineData("(1 2)", "unexpected number '2' at position 4 in \"(1 2)\"; expected an operator (+ - * /) or ')'")]
    [InlineData("1 +", "unexpected end of expression in \"1 +\"; expected a number, a name or '('")]
    [InlineData("2 beta", "unexpected name 'beta' at position 3 in \"2 beta\"; expected an operator (+ - * /) or the end of the expression")]
    [InlineData("a % b", "unexpected '%' at position 3 in \"a % b\"; expected an operator (+ - * /) or the end of the expression")]
    [InlineData("2**3", "unexpected '*' at position 3 in \"2**3\"; expected a number, a name or '('")]
    [InlineData("2^3", "unexpected '^' at position 2 in \"2^3\"; expected an operator (+ - * /) or the end of the expression")]
    [InlineData("1e+", "malformed number '1e+' at position 1 in \"1e+\"; expected digits after the exponent")]
    [InlineData("2*.", "malformed number '.' at position 3 in \"2*.\"; expected digits")]
    [InlineData("1e999", "number '1e999' at position 1 in \"1e999\" is too large for a double")]
    [InlineData("", "empty expression; expected a number, a name or '('")]
    [InlineData("  ", "empty expression; expected a number, a name or '('")]
    public void Parse_BadSyntax_NamesFieldPositionAndExpectation(string text, string reason)
    {
        var error = Should.Throw<ModelValidationException>(() => Expression.Parse(text, Field));

        error.Field.ShouldBe(Field);
        error.Reason.ShouldBe(reason);
        error.Message.ShouldStartWith(Field + ": ");
    }

    [Fact]
    public void Parse_TooDeeplyNested_ThrowsInsteadOfOverflowingTheStack()
    {
        var text = new string('(', 10_000) + "1" + new string(')', 10_000);

        var error = Should.Throw<ModelValidationException>(() => Expression.Parse(text, Field));

        error.Field.ShouldBe(Field);
        error.Reason.ShouldContain("nested more than");
    }

    [Fact]
    public void Evaluate_RandomExpressions_ScalarAndSpanMatchDirectArithmetic()
    {
        var cases =
            from expression in RandomExpression
            from length in Gen.Int[0, 19]
            from a in Gen.Double[-10, 10].Array[length]
            from b in Gen.Double[-10, 10].Array[length]
            from c in Gen.Double[-1, 1].Array[length]
            select (expression, a, b, c);

        cases.Sample(sample =>
        {
            var (expression, a, b, c) = sample;
            var parsed = Expression.Parse(expression.Text, Field);
            var arrays = new Dictionary<string, double[]> { ["a"] = a, ["b"] = b, ["c"] = c };
            var destination = new double[a.Length];
            parsed.Evaluate(new ArrayContext(arrays), destination);
            for (var i = 0; i < destination.Length; i++)
            {
                double[] cell = [a[i], b[i], c[i]];
                var expected = expression.Reference(cell);
                if (!destination[i].Equals(expected) || !parsed.Evaluate(name => cell[name[0] - 'a']).Equals(expected))
                    return false;
            }
            return true;
        }, iter: 500);
    }

    /// <summary>Random well-formed expressions over a, b, c with the value a direct C# evaluation gives.</summary>
    private static readonly Gen<RandomCase> RandomExpression = Gen.Recursive<RandomCase>((depth, inner) =>
    {
        var name = Gen.Int[0, 2].Select(i => new RandomCase(((char)('a' + i)).ToString(), v => v[i]));
        var number = Gen.Int[0, 9].Select(n => new RandomCase(n.ToString(CultureInfo.InvariantCulture), _ => n));
        if (depth >= 5)
            return Gen.OneOf(name, number);
        var binary =
            from left in inner
            from op in Gen.Int[0, 3]
            from right in inner
            select new RandomCase(
                $"({left.Text}{"+-*/"[op]} {right.Text})",
                op switch
                {
                    0 => v => left.Reference(v) + right.Reference(v),
                    1 => v => left.Reference(v) - right.Reference(v),
                    2 => v => left.Reference(v) * right.Reference(v),
                    _ => v => left.Reference(v) / right.Reference(v),
                });
        var negation = inner.Select(x => new RandomCase($"-{x.Text}", v => -x.Reference(v)));
        return Gen.OneOf(name, number, binary, binary, negation);
    });

    public sealed record RandomCase(string Text, Func<double[], double> Reference)
    {
        public override string ToString() => Text;
    }
}
