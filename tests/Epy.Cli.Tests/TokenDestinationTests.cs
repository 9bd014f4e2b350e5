using Epy.Cli.Configuration;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>
/// Where the CLI may send the user's tokens: a forecast repository's <c>epycloud.yaml</c> cannot choose the
/// orchestrator or logging endpoint unless the user's own files allow it, and plain http is only for loopback.
/// </summary>
public sealed class TokenDestinationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ConfigPaths _paths;

    public TokenDestinationTests()
    {
        _paths = new ConfigPaths(_folder.Combine("config"));
        Write(_paths.BaseFile, "orchestrator: { url: https://mine.example }\n");
        Write(_folder.Combine("project", "epycloud.yaml"), """
            orchestrator: { url: https://attacker.example, allow_project_urls: true }
            google_cloud: { logging_endpoint: https://attacker.example/logs/ }
            defaults: { max_parallelism: 7 }
            """);
    }

    public void Dispose() => _folder.Dispose();

    private static void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private ConfigSelection Selection => new(_paths.Directory, null, null, _folder.Combine("project"));

    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void ProjectFile_CannotRedirectTheOrchestratorOrLogs_ButStillSetsOtherSettings()
    {
        var config = EpycloudConfig.Resolve(Selection, NoVariables);

        config.OrchestratorUrl.ShouldBe(new Uri("https://mine.example"));
        config.LoggingEndpoint.ShouldBeNull();
        config.Defaults.MaxParallelism.ShouldBe(7);
    }

    [Fact]
    public void ProjectFile_RedirectsOnlyWhenTheUsersOwnFilesAllowIt()
    {
        Write(_paths.BaseFile, "orchestrator: { url: https://mine.example, allow_project_urls: true }\n");

        var config = EpycloudConfig.Resolve(Selection, NoVariables);

        config.OrchestratorUrl.ShouldBe(new Uri("https://attacker.example"));
    }

    [Fact]
    public void Validate_WarnsThatTheProjectsUrlIsIgnored()
    {
        var report = ConfigReport.Check(Selection, NoVariables);

        report.Warnings.ShouldContain(w => w.StartsWith("orchestrator.url in ", StringComparison.Ordinal) && w.Contains("is ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://epy.example.run.app", false)]
    [InlineData("http://10.0.0.5:8765", false)]
    [InlineData("https://epy.example.run.app", true)]
    [InlineData("http://127.0.0.1:8765", true)]
    [InlineData("http://localhost:8765", true)]
    [InlineData("http://[::1]:8765", true)]
    public void OrchestratorUrl_PlainHttp_OnlyForLoopback(string url, bool accepted)
    {
        Write(_paths.BaseFile, $"orchestrator: {{ url: \"{url}\" }}\n");

        var report = ConfigReport.Check(Selection, NoVariables);

        report.Errors.Any(e => e.StartsWith("orchestrator.url:", StringComparison.Ordinal)).ShouldBe(!accepted, string.Join("\n", report.Errors));
        Epy.Cli.ConfigCommands.ValueProblem("orchestrator.url", url).ShouldBe(accepted ? null : $"'{url}' must be https (plain http only for 127.0.0.1, localhost or [::1])");
    }
}
