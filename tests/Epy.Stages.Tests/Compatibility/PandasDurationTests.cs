using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary><c>max_time</c> as epymodelingsuite's parse_timedelta reads it: pandas Timedelta strings, then fixed-length frequency aliases.</summary>
public sealed class PandasDurationTests
{
    [Theory]
    [InlineData("6h", 6 * 3600)]
    [InlineData("30min", 30 * 60)]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h30min", 90 * 60)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("1h 30min", 90 * 60)]
    [InlineData("1 hour 30 minutes", 90 * 60)]
    [InlineData("2H", 2 * 3600)]
    [InlineData("1.5h", 90 * 60)]
    [InlineData("3600s", 3600)]
    [InlineData("45 seconds", 45)]
    [InlineData("2 days", 2 * 86400)]
    [InlineData("3D", 3 * 86400)]
    [InlineData("1W", 7 * 86400)]
    [InlineData("W", 7 * 86400)]
    [InlineData("2W-SUN", 14 * 86400)]
    [InlineData("h", 3600)]
    [InlineData("15T", 15 * 60)]
    [InlineData("02:30:00", 150 * 60)]
    [InlineData("1 days 02:00:00", 26 * 3600)]
    [InlineData("PT6H", 6 * 3600)]
    [InlineData("P1DT1H30M", 25 * 3600 + 30 * 60)]
    [InlineData(" 4h ", 4 * 3600)]
    public void TryParse_PandasDurations_GiveTheirLength(string text, double seconds)
    {
        PandasDuration.TryParse(text, out var duration, out var error).ShouldBeTrue(error);

        duration.TotalSeconds.ShouldBe(seconds, 1e-6);
    }

    [Theory]
    [InlineData("3600", "no unit")]
    [InlineData("1.5", "no unit")]
    [InlineData("M", "not a fixed-length duration")]
    [InlineData("2QS", "not a fixed-length duration")]
    [InlineData("Y", "not a fixed-length duration")]
    [InlineData("B", "not a fixed-length duration")]
    [InlineData("1h30", "not a duration")]
    [InlineData("soon", "not a duration")]
    [InlineData("-1h", "positive")]
    [InlineData("0s", "positive")]
    [InlineData("", "empty")]
    public void TryParse_NotAFixedPositiveDuration_IsRefusedWithTheReason(string text, string reason)
    {
        PandasDuration.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain(reason);
    }
}
