using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary>A command line that does not parse: one line and a guess, a hint, exit 2; never the whole help.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("rnu --local", "epycloud: Unrecognized command or argument 'rnu'. Did you mean 'run'?", "epycloud --help")]
    [InlineData("runs lst", "epycloud: Unrecognized command or argument 'lst'. Did you mean 'list'?", "epycloud runs --help")]
    [InlineData("run --exp-idd x", "epycloud: Unrecognized command or argument '--exp-idd'. Did you mean '--exp-id'?", "epycloud run --help")]
    public async Task Typo_SaysWhatWasMeant_AndExitsTwo(string arguments, string firstLine, string help)
    {
        var result = await Epycloud.RunAsync(arguments.Split(' '));

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        var lines = result.Error.Trim().Split('\n');
        lines[0].ShouldBe(firstLine);
        lines[^1].ShouldBe($"  hint: {help} shows the commands and options");
        lines.Length.ShouldBeLessThanOrEqualTo(3, result.Error);
        result.Output.ShouldBeEmpty("no help text is dumped");
    }

    [Fact]
    public async Task MissingRequiredOption_IsOneLine()
    {
        var result = await Epycloud.RunAsync(["run", "--local"]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError);
        result.Error.Trim().Split('\n').ShouldBe(["epycloud: Option '--exp-id' is required.", "  hint: epycloud run --help shows the commands and options"]);
    }

    [Fact]
    public async Task ServeOnAPortInUse_IsOneLineWithAHint_NoStackTrace()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

            var result = await Epycloud.RunAsync(["serve", "--local", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--project-dir", project, "--state-dir", folder.Combine("state")]);

            result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
            result.Error.Trim().Split('\n').ShouldBe([$"epycloud: port {port} on 127.0.0.1 is in use (another 'epycloud serve --local'?)", "  hint: pass --port N, or stop what listens there"]);
            result.Output.ShouldNotContain("   at ");
        }
        finally
        {
            taken.Stop();
        }
    }
}
