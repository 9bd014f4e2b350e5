using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class PriorsFactoryTests
{
    private const string Field = "modelset.calibration.parameters.Rt.prior";

    private static Prior Create(string name, double[]? args = null, Dictionary<string, double>? kwargs = null) =>
        Priors.Create(name, args ?? [], kwargs, Field);

    private static ModelValidationException Invalid(string name, double[]? args = null, Dictionary<string, double>? kwargs = null)
    {
        var error = Should.Throw<ModelValidationException>(() => Create(name, args, kwargs));
        error.Field.ShouldBe(Field);
        error.Message.ShouldStartWith(Field + ": ");
        return error;
    }

    [Fact]
    public void Create_ExampleConfigPriors_FollowScipy()
    {
        Create("uniform", [1.0, 1.0]).ShouldBe(new UniformPrior(1.0, 1.0));
        Create("uniform", [0.0001, 0.0009]).Upper.ShouldBe(0.001, 1e-18);
        Create("randint", [0, 80]).ShouldBe(new RandIntPrior(0, 80));
    }

    [Fact]
    public void Create_Defaults_AreLocZeroAndScaleOne()
    {
        Create("uniform").ShouldBe(new UniformPrior(0.0, 1.0));
        Create("norm").ShouldBe(new NormalPrior(0.0, 1.0));
        Create("norm", [3.0]).ShouldBe(new NormalPrior(3.0, 1.0));
        Create("lognorm", [0.5]).ShouldBe(new LogNormalPrior(0.5, 0.0, 1.0));
        Create("truncnorm", [-1.0, 2.0]).ShouldBe(new TruncatedNormalPrior(-1.0, 2.0, 0.0, 1.0));
    }

    [Fact]
    public void Create_PositionalAndKeywordArguments_BindLikeScipy()
    {
        Create("uniform", kwargs: new() { ["scale"] = 2.0 }).ShouldBe(new UniformPrior(0.0, 2.0));
        Create("uniform", [5.0], new() { ["scale"] = 2.0 }).ShouldBe(new UniformPrior(5.0, 2.0));
        Create("randint", kwargs: new() { ["high"] = 10, ["low"] = 3 }).ShouldBe(new RandIntPrior(3, 10));
        Create("lognorm", [0.5], new() { ["scale"] = 2.0, ["loc"] = 1.0 }).ShouldBe(new LogNormalPrior(0.5, 1.0, 2.0));
        Create("lognorm", kwargs: new() { ["s"] = 0.5 }).ShouldBe(new LogNormalPrior(0.5));
        Create("truncnorm", [-1.0], new() { ["b"] = 2.0, ["loc"] = 5.0 }).ShouldBe(new TruncatedNormalPrior(-1.0, 2.0, 5.0, 1.0));
        Create("truncnorm", [-1.0, 2.0, 5.0, 3.0]).ShouldBe(new TruncatedNormalPrior(-1.0, 2.0, 5.0, 3.0));
    }

    [Theory]
    [InlineData("Uniform")]
    [InlineData("UNIFORM")]
    [InlineData(" uniform ")]
    public void Create_Name_IsCaseInsensitive(string name) =>
        Create(name, [1.0, 1.0]).ShouldBeOfType<UniformPrior>();

    [Theory]
    [InlineData("normal")]
    [InlineData("Normal")]
    [InlineData("NORM")]
    public void Create_Normal_IsAnAliasOfNorm(string name) =>
        Create(name, [1.0, 2.0]).ShouldBe(new NormalPrior(1.0, 2.0));

    [Fact]
    public void Create_KeywordNames_AreCaseInsensitive() =>
        Create("norm", kwargs: new() { ["Loc"] = 1.0, ["SCALE"] = 2.0 }).ShouldBe(new NormalPrior(1.0, 2.0));

    [Fact]
    public void Create_NullArguments_MeanNone() =>
        Priors.Create("norm", null, null, Field).ShouldBe(new NormalPrior());

    [Fact]
    public void Create_InfiniteTruncationPoints_AreAccepted() =>
        Create("truncnorm", [0.0, double.PositiveInfinity]).Upper.ShouldBe(double.PositiveInfinity);

    [Fact]
    public void Names_AreScipys() =>
        Priors.Names.ShouldBe(["uniform", "randint", "norm", "lognorm", "truncnorm"]);

    public static TheoryData<string, double[], Dictionary<string, double>?, string> Errors => new()
    {
        { "unifrom", [0, 1], null, "prior 'unifrom' is unknown; expected one of uniform, randint, norm, lognorm, truncnorm" },
        { "", [0, 1], null, "prior has no distribution name; expected one of uniform, randint, norm, lognorm, truncnorm" },
        { "randint", [0, 10, 3], null, "randint takes 2 arguments (low, high), got 3" },
        { "uniform", [0, 1, 2], null, "uniform takes at most 2 arguments (loc, scale), got 3" },
        { "lognorm", [1, 2, 3, 4], null, "lognorm takes at most 3 arguments (s, loc, scale), got 4" },
        { "truncnorm", [1, 2, 3, 4, 5], null, "truncnorm takes at most 4 arguments (a, b, loc, scale), got 5" },
        { "randint", [], null, "randint is missing required arguments low and high; it takes (low, high)" },
        { "randint", [0], null, "randint is missing required argument high; it takes (low, high)" },
        { "lognorm", [], new() { ["loc"] = 1 }, "lognorm is missing required argument s; it takes (s, loc, scale)" },
        { "truncnorm", [], new() { ["b"] = 1 }, "truncnorm is missing required argument a; it takes (a, b, loc, scale)" },
        { "uniform", [0], new() { ["loc"] = 1 }, "uniform got loc both as positional argument 1 and as a keyword" },
        { "uniform", [], new() { ["loc"] = 1, ["LOC"] = 2 }, "uniform got loc twice as a keyword" },
        { "norm", [], new() { ["sigma"] = 1 }, "norm has no parameter 'sigma'; it takes (loc, scale)" },
        { "uniform", [0, 0], null, "uniform scale must be positive, got 0" },
        { "uniform", [0, -1], null, "uniform scale must be positive, got -1" },
        { "uniform", [double.NaN, 1], null, "uniform loc must be a finite number, got NaN" },
        { "uniform", [1.7e308, 1.7e308], null, "uniform support [1.7E+308, inf] is too wide to represent" },
        { "uniform", [1e17, 1], null, "uniform support collapses to the single value 1E+17" },
        { "norm", [0, 0], null, "norm scale must be positive, got 0" },
        { "norm", [double.PositiveInfinity, 1], null, "norm loc must be a finite number, got inf" },
        { "randint", [5, 5], null, "randint low (5) must be less than high (5), which is excluded" },
        { "randint", [5, 2], null, "randint low (5) must be less than high (2), which is excluded" },
        { "randint", [0.5, 2], null, "randint low must be an integer, got 0.5" },
        { "randint", [0, double.PositiveInfinity], null, "randint high must be an integer, got inf" },
        { "randint", [0, 1e17], null, "randint high must lie within ±2^53, got 1E+17" },
        { "lognorm", [0], null, "lognorm s must be positive, got 0" },
        { "lognorm", [-0.5], null, "lognorm s must be positive, got -0.5" },
        { "lognorm", [0.5, 0, 0], null, "lognorm scale must be positive, got 0" },
        { "truncnorm", [2, 1], null, "truncnorm a (2) must be less than b (1); both are in standard deviations from loc" },
        { "truncnorm", [1, 1], null, "truncnorm a (1) must be less than b (1)" },
        { "truncnorm", [double.NaN, 1], null, "truncnorm a must be a number or -inf, got NaN" },
        { "truncnorm", [0, double.NegativeInfinity], null, "truncnorm b must be a number or inf, got -inf" },
        { "truncnorm", [-1, 1, 0, -2], null, "truncnorm scale must be positive, got -2" },
        { "truncnorm", [40, 41], null, "truncnorm [a, b] = [40, 41] has a normal probability too small to represent" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Create_Invalid_ThrowsNamingTheFieldAndWhatWasExpected(string name, double[] args, Dictionary<string, double>? kwargs, string reason) =>
        Invalid(name, args, kwargs).Reason.ShouldContain(reason);
}
