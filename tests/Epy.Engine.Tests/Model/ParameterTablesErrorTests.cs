using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

public class ParameterTablesErrorTests
{
    private const int Ages = 5;
    private static readonly TimeGrid Week = new(new DateOnly(2024, 10, 15), new DateOnly(2024, 10, 21));

    private static Parameter P(string name, string expression) => Parameter.Expression(name, expression);

    private static ModelValidationException Fails(params Parameter[] parameters) =>
        Should.Throw<ModelValidationException>(() => ParameterTables.Evaluate(parameters, Week, Ages, eigenvalue: 2.0));

    [Fact]
    public void Evaluate_UnknownName_NamesFieldAndNameAndKnownNames()
    {
        var error = Fails(P("beta", "Rt*gama"), Parameter.Scalar("Rt", 1.2), Parameter.Scalar("gamma", 0.2));

        error.Field.ShouldBe("parameters.beta");
        error.Reason.ShouldBe("unknown name 'gama' in \"Rt*gama\"; known names: beta, Rt, gamma, eigenvalue");
        error.Message.ShouldStartWith("parameters.beta: ");
    }

    [Fact]
    public void Evaluate_TwoParameterCycle_NamesTheCycle()
    {
        var error = Fails(P("a", "b"), P("b", "2*a"));

        error.Field.ShouldBe("parameters.a");
        error.Reason.ShouldBe("circular definition a → b → a");
    }

    [Fact]
    public void Evaluate_LongerCycleBehindAnAcyclicStart_NamesOnlyTheCycle()
    {
        var error = Fails(P("start", "x+1"), P("x", "y"), P("y", "z*eigenvalue"), P("z", "x"));

        error.Field.ShouldBe("parameters.x");
        error.Reason.ShouldBe("circular definition x → y → z → x");
    }

    [Fact]
    public void Evaluate_SelfReference_IsACycle()
    {
        var error = Fails(P("a", "a+1"));

        error.Field.ShouldBe("parameters.a");
        error.Reason.ShouldBe("circular definition a → a");
    }

    [Fact]
    public void Evaluate_BadSyntax_NamesFieldAndPosition()
    {
        var error = Fails(P("beta", "Rt*(2))"), Parameter.Scalar("Rt", 1));

        error.Field.ShouldBe("parameters.beta");
        error.Reason.ShouldBe("unexpected ')' at position 7 in \"Rt*(2))\"; expected an operator (+ - * /) or the end of the expression");
    }

    [Fact]
    public void Evaluate_BadSyntaxInOneOfSeveralValues_SaysWhichValue()
    {
        var error = Fails(new Parameter("p", ParameterShape.AgeVarying, ["1", "2", "3*", "4", "5"]));

        error.Field.ShouldBe("parameters.p");
        error.Reason.ShouldBe("value 2: unexpected end of expression in \"3*\"; expected a number, a name or '('");
    }

    [Theory]
    [InlineData(ParameterShape.Scalar, 2, "scalar needs 1 value, got 2")]
    [InlineData(ParameterShape.AgeVarying, 4, "age_varying needs 5 values (one per age group), got 4")]
    [InlineData(ParameterShape.PerDate, 5, "per_date needs 7 values (one per step), got 5")]
    [InlineData(ParameterShape.PerDateAndAge, 7, "per_date_and_age needs 35 values (7 steps × 5 age groups), got 7")]
    public void Evaluate_WrongValueCount_NamesFieldAndExpectedCount(ParameterShape shape, int count, string reason)
    {
        var error = Fails(new Parameter("p", shape, [.. Enumerable.Repeat("1", count)]));

        error.Field.ShouldBe("parameters.p");
        error.Reason.ShouldBe(reason);
    }

    [Fact]
    public void Evaluate_DuplicateName_NamesField()
    {
        var error = Fails(Parameter.Scalar("mu", 1), Parameter.Scalar("mu", 2));

        error.Field.ShouldBe("parameters.mu");
        error.Reason.ShouldBe("parameter 'mu' is defined more than once");
    }

    [Fact]
    public void Evaluate_ParameterNamedEigenvalue_IsRejected()
    {
        var error = Fails(Parameter.Scalar("eigenvalue", 3));

        error.Field.ShouldBe("parameters.eigenvalue");
        error.Reason.ShouldContain("reserved");
    }

    [Theory]
    [InlineData("p-h")]
    [InlineData("2x")]
    [InlineData("")]
    public void Evaluate_NameThatExpressionsCannotReferTo_IsRejected(string name)
    {
        var error = Fails(Parameter.Scalar(name, 1));

        error.Field.ShouldBe($"parameters.{name}");
        error.Reason.ShouldContain("is not a valid name");
    }

    [Fact]
    public void Evaluate_DivisionByZero_NamesParameterAndFirstBadCell()
    {
        var error = Fails(P("x", "1/zero"), Parameter.AgeVarying("zero", 1, 1, 1, 0, 0));

        error.Field.ShouldBe("parameters.x");
        error.Reason.ShouldBe("\"1/zero\" is Infinity at step 0 (2024-10-15), age group 3");
    }

    [Fact]
    public void Evaluate_NonFiniteOnALaterDate_NamesThatDateAndItsValue()
    {
        string[] values = ["1", "1", "1", "0/0", "1", "1", "1"];

        var error = Fails(new Parameter("Rt", ParameterShape.PerDate, values));

        error.Field.ShouldBe("parameters.Rt");
        error.Reason.ShouldBe("\"0/0\" is NaN at step 3 (2024-10-18), age group 0");
    }

    [Fact]
    public void Evaluate_Overflow_IsNonFinite()
    {
        var error = Fails(P("big", "1e300*1e300"));

        error.Field.ShouldBe("parameters.big");
        error.Reason.ShouldContain("is Infinity at step 0");
    }
}
