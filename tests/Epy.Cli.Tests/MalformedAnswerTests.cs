using Epy.Cli;
using Epy.Testing.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Epy.Cli.Tests;

/// <summary>
/// A server that is not (or not quite) an epycloud orchestrator: whatever it answers, the CLI prints one
/// <c>epycloud:</c> line and a hint, never a .NET stack trace, and exits 1.
/// </summary>
public sealed class MalformedAnswerTests : IAsyncLifetime
{
    private const string RunId = "20261124-101500-a1b2c3d4";
    private WebApplication _server = null!;
    private (int Status, string ContentType, string Body) _answer;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Map("/{**path}", async (HttpContext http) =>
        {
            http.Response.StatusCode = _answer.Status;
            http.Response.ContentType = _answer.ContentType;
            await http.Response.WriteAsync(_answer.Body);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<int, string, string> Answers => new()
    {
        { 200, "application/json", "not json at all" },
        { 200, "text/html", "<html><body>Sign in</body></html>" },
        { 200, "application/json", "{}" },
        { 200, "application/json", "[1, 2, 3]" },
        { 200, "application/json", """{"run_id": 5}""" },
        { 200, "application/json", """{"run_id": "20261124-101500-a1b2c3d4", "exp_id": "flu", "state": "RUNNING"}""" },
        { 200, "application/json", "" },
        { 500, "application/json", """{"errors": {"x": "not a list"}}""" },
        { 502, "text/html", "<html>\n<h1>Bad gateway</h1>\n</html>" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task AnyAnswer_IsOneEpycloudLine_NeverAStackTrace(int status, string contentType, string body)
    {
        _answer = (status, contentType, body);

        var show = await Epycloud.RunAsync(["runs", "show", RunId, "--server", _server.Urls.Single()]);

        show.ExitCode.ShouldBe(ExitCodes.RunFailed, show.ToString());
        var lines = show.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("epycloud: ", Case.Sensitive, show.ToString());
        lines[0].ShouldNotContain("unexpected error", Case.Sensitive, show.ToString());
        lines.Length.ShouldBeLessThanOrEqualTo(2, show.ToString());
        show.Error.ShouldNotContain("   at ", Case.Sensitive, show.ToString());
    }
}
