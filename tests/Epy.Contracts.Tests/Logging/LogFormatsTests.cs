using Epy.Contracts.Logging;

namespace Epy.Contracts.Tests.Logging;

public sealed class LogFormatsTests
{
    [Theory]
    [InlineData(null, null, null, null, LogFormat.Text)]
    [InlineData(null, "epy-orchestrator", null, null, LogFormat.Json)]
    [InlineData(null, null, "cloud", null, LogFormat.Json)]
    [InlineData(null, null, "local", null, LogFormat.Text)]
    [InlineData(null, null, null, "3", LogFormat.Json)]
    [InlineData("json", null, null, null, LogFormat.Json)]
    [InlineData("JSON", null, null, null, LogFormat.Json)]
    [InlineData("text", "epy-orchestrator", "cloud", "3", LogFormat.Text)]
    [InlineData("yaml", null, null, null, LogFormat.Text)]
    public void FromEnvironment_ExplicitFormatWins_ElseJsonWhereGoogleCollectsTheOutput(
        string? format, string? kService, string? mode, string? batchTask, LogFormat expected)
    {
        var env = new Dictionary<string, string?>
        {
            ["EPY_LOG_FORMAT"] = format, ["K_SERVICE"] = kService, ["EPY_MODE"] = mode, ["BATCH_TASK_INDEX"] = batchTask,
        };

        LogFormats.FromEnvironment(name => env.GetValueOrDefault(name)).ShouldBe(expected);
    }
}
