using System.Diagnostics;

namespace Epy.Stages.Tests;

public sealed class ProgramTests
{
    [Fact]
    public void NoStage_PrintsUsage_AndExitsTwo()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "epy-stage.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [program]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.ShouldBe(2);
        error.ShouldContain("usage: epy-stage builder|runner|output");
    }
}
