using Epy.Engine.Calibration;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.Pipeline;

public sealed class GenerationLogTests
{
    [Fact]
    public void Report_WritesOneLineNamingTheTaskLocationGenerationAndEpsilon()
    {
        using var log = new StringWriter();
        var generation = new CalibrationGeneration(2, 12.3456, [1.0, 2.0], [0.5, 0.5], [3.0, 4.0], 10, 0, 0.41, 2.06);

        new GenerationLog(log, 0, "US-MA", 10).Report(generation);

        log.ToString().TrimEnd().ShouldBe("runner: task 0 (calibration, US-MA): generation 3 of 10, ε 12.35, 2 particles, acceptance 41%, 2.1 s");
    }
}
