using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Core.Tests.Policy;

public sealed class FailureToleranceTests
{
    [Theory]
    [InlineData(0, 10, true)]
    [InlineData(1, 10, true)]
    [InlineData(2, 10, true)]
    [InlineData(3, 10, false)]
    [InlineData(2, 2, false)] // every task failed: nothing to aggregate
    public void Allows_ByCount_AtMostThatManyFailedTasks(int failed, int total, bool allowed) =>
        new FailureTolerance(2, null).Allows(failed, total).ShouldBe(allowed);

    [Theory]
    [InlineData(10, 100, true)]
    [InlineData(11, 100, false)]
    [InlineData(1, 10, true)]
    [InlineData(2, 10, false)]
    [InlineData(0, 1, true)]
    public void Allows_ByFraction_AtMostThatShareOfTheTasks(int failed, int total, bool allowed) =>
        new FailureTolerance(null, 0.1).Allows(failed, total).ShouldBe(allowed);

    [Theory]
    [InlineData(0.29, 29, 100)]
    [InlineData(0.57, 57, 100)]
    [InlineData(0.07, 7, 100)]
    [InlineData(0.3, 3, 10)]
    public void Allows_FailedShareEqualToTheFraction_IsTolerated(double fraction, int failed, int total) =>
        // 0.29 * 100 is 28.999999999999996 in binary floating point: 29 of 100 must still be within 29 %.
        new FailureTolerance(null, fraction).Allows(failed, total).ShouldBeTrue();

    [Fact]
    public void Allows_CountAndFraction_BothMustHold()
    {
        var tolerance = new FailureTolerance(5, 0.1);

        tolerance.Allows(5, 100).ShouldBeTrue();
        tolerance.Allows(6, 100).ShouldBeFalse(); // within 10 %, beyond 5
        tolerance.Allows(3, 20).ShouldBeFalse(); // within 5, beyond 10 %
    }

    [Fact]
    public void Allows_NoLimitGiven_ToleratesNoFailure()
    {
        new FailureTolerance(null, null).Allows(1, 100).ShouldBeFalse();
        FailureTolerance.None.Allows(1, 100).ShouldBeFalse();
        FailureTolerance.None.Allows(0, 100).ShouldBeTrue();
    }

    [Theory]
    [InlineData(-1, null, "failure_tolerance.max_failed_tasks")]
    [InlineData(null, -0.1, "failure_tolerance.max_failed_fraction")]
    [InlineData(null, 1.5, "failure_tolerance.max_failed_fraction")]
    [InlineData(null, double.NaN, "failure_tolerance.max_failed_fraction")]
    public void Problems_OutOfRange_NamesTheField(int? count, double? fraction, string field) =>
        new FailureTolerance(count, fraction).Problems().ShouldHaveSingleItem().Field.ShouldBe(field);
}
