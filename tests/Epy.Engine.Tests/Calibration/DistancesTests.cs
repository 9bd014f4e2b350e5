using CsCheck;
using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class DistancesTests
{
    private const string Field = "modelset.calibration.distance_function";

    // Errors o − s = (−2, 1, 0, 4): squares 4, 1, 0, 16; absolute values 2, 1, 0, 4.
    private static readonly double[] Observed = [10, 20, 5, 40];
    private static readonly double[] Simulated = [12, 19, 5, 36];

    [Fact]
    public void Rmse_IsTheRootOfTheMeanSquare() =>
        Distances.Rmse(Observed, Simulated).ShouldBe(Math.Sqrt(21.0 / 4), 1e-15);

    [Fact]
    public void Mae_IsTheMeanAbsoluteError() =>
        Distances.Mae(Observed, Simulated).ShouldBe(7.0 / 4, 1e-15);

    [Fact]
    public void Mape_IsTheMeanRelativeError() =>
        Distances.Mape(Observed, Simulated).ShouldBe((0.2 + 0.05 + 0 + 0.1) / 4, 1e-15);

    [Fact]
    public void Mape_SkipsPointsWhereTheObservationIsZero() =>
        Distances.Mape([10, 0, 20], [11, 7, 18]).ShouldBe((0.1 + 0.1) / 2, 1e-15);

    [Fact]
    public void Mape_AllObservationsZero_IsZeroForAPerfectMatchAndInfiniteOtherwise()
    {
        Distances.Mape([0, 0], [0, 0]).ShouldBe(0.0);
        Distances.Mape([0, 0], [0, 1]).ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Wmape_IsTotalErrorOverTotalObservation()
    {
        Distances.Wmape(Observed, Simulated).ShouldBe(7.0 / 75, 1e-15);
        Distances.Wmape([10, 0, -20], [11, 7, -18]).ShouldBe(10.0 / 30, 1e-15);
    }

    [Fact]
    public void Wmape_AllObservationsZero_IsZeroForAPerfectMatchAndInfiniteOtherwise()
    {
        Distances.Wmape([0, 0], [0, 0]).ShouldBe(0.0);
        Distances.Wmape([0, 0], [0, -1]).ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Distances_NaN_Propagates()
    {
        foreach (var name in Distances.Names)
        {
            var distance = Distances.Resolve(name, Field);
            double.IsNaN(distance([1, 2], [1, double.NaN])).ShouldBeTrue(name);
            double.IsNaN(distance([0, 2], [double.NaN, 2])).ShouldBeTrue(name);
            double.IsNaN(distance([0, 0], [double.NaN, 0])).ShouldBeTrue(name);
        }
    }

    [Fact]
    public void Distances_AreZeroForIdenticalSeriesAndPositiveOtherwise()
    {
        Gen.Double[-1e6, 1e6].Array[1, 50].Sample(series =>
        {
            var shifted = series.Select(x => x + 1).ToArray();
            foreach (var name in Distances.Names)
            {
                var distance = Distances.Resolve(name, Field);
                distance(series, series).ShouldBe(0.0, name);
                distance(series, shifted).ShouldBeGreaterThan(0.0, name);
            }
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("rmse")]
    [InlineData("RMSE")]
    public void Resolve_NoNameOrRmse_IsRmse(string? name) =>
        Distances.Resolve(name, Field).ShouldBe(Distances.Rmse);

    [Fact]
    public void Resolve_EachName_IsCaseInsensitive()
    {
        Distances.Resolve("MAE", Field).ShouldBe(Distances.Mae);
        Distances.Resolve("Mape", Field).ShouldBe(Distances.Mape);
        Distances.Resolve("wMAPE", Field).ShouldBe(Distances.Wmape);
        Distances.DefaultName.ShouldBe("rmse");
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsListingTheKnownOnes()
    {
        var error = Should.Throw<ModelValidationException>(() => Distances.Resolve("mse", Field));

        error.Field.ShouldBe(Field);
        error.Message.ShouldBe($"{Field}: distance 'mse' is unknown; expected one of rmse, mae, mape, wmape");
    }

    [Fact]
    public void Distances_UnequalLengths_ThrowNamingBothLengths()
    {
        foreach (var name in Distances.Names)
        {
            var distance = Distances.Resolve(name, Field);
            var error = Should.Throw<ArgumentException>(() => distance([1, 2, 3], [1, 2]));
            error.Message.ShouldBe("a distance compares series of equal length, but the observed series has 3 points and the simulated one 2");
        }
    }

    [Fact]
    public void Distances_EmptySeries_Throw()
    {
        foreach (var name in Distances.Names)
        {
            var distance = Distances.Resolve(name, Field);
            Should.Throw<ArgumentException>(() => distance([], [])).Message.ShouldContain("both series are empty");
        }
    }

    [Fact]
    public void Distances_DoNotAllocate()
    {
        double[] observed = [1, 0, 3, 4];
        double[] simulated = [2, 1, 3, 5];
        var functions = Distances.Names.Select(name => Distances.Resolve(name, Field)).ToArray();
        foreach (var function in functions)
            function(observed, simulated); // warm up (JIT)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0.0;
        for (var i = 0; i < 1000; i++)
        {
            foreach (var function in functions)
                total += function(observed, simulated);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        total.ShouldBeGreaterThan(0.0);
        allocated.ShouldBe(0L);
    }
}
