using System.Net;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>Bad POST /v1/runs requests are refused with RFC 7807 problems naming the field, and store nothing.</summary>
public sealed class ValidationTests(ValidationTests.Server server) : IClassFixture<ValidationTests.Server>
{
    /// <summary>One server for every case: nothing may ever be stored on it.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public LocalServer Local { get; private set; } = null!;

        public async Task InitializeAsync() => Local = await LocalServer.StartFakeAsync();

        public async Task DisposeAsync() => await Local.DisposeAsync();
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { """{"exp_id": "../x"}""", "exp_id", "may contain only letters, digits, '_', '-' and '/'" },
        { $$"""{"exp_id": "{{new string('a', 201)}}"}""", "exp_id", "longer than 200 characters" },
        { """{"exp_id": "flu fake"}""", "exp_id", "may contain only letters, digits" },
        { """{}""", "exp_id", "exp_id is empty" },
        { """{"exp_id": "flu-fake", "run_id": "2026-11-24"}""", "run_id", "'2026-11-24' is not a run id" },
        { """{"exp_id": "flu-fake", "run_id": "20261324-101500-a1b2c3d4"}""", "run_id", "is not a run id" },
        { """{"exp_id": "flu-fake", "max_parallelism": 6000}""", "max_parallelism", "between 1 and 5000, not 6000" },
        { """{"exp_id": "flu-fake", "max_parallelism": 0}""", "max_parallelism", "between 1 and 5000, not 0" },
        { """{"exp_id": "flu-fake", "auto_resumes": 11}""", "auto_resumes", "between 0 and 10" },
        { """{"exp_id": "flu-fake", "stage_b": {"cpu_milli": 10}}""", "stage_b.cpu_milli", "between 250 and 224000" },
        { """{"exp_id": "flu-fake", "failure_tolerance": {"max_failed_fraction": 2}}""", "failure_tolerance.max_failed_fraction", "between 0 and 1" },
        { """{"exp_id": "flu-fake", "deadline_hours": -1}""", "deadline", "must be positive" },
        { """{"exp_id": "flu-fake", "deadline_hours": 1000}""", "deadline", "at most 30 days, not 1000 hours" },
        { """{"exp_id": "flu-fake", "stage_c": {"max_run_duration_seconds": -5}}""", "stage_c.max_run_duration", "must be positive and at most 14 days, not -5 seconds" },
        { """{"exp_id": "flu-fake", "image_tag": "latest; rm -rf /"}""", "image_tag", "is not an image tag" },
        { """{"exp_id": "flu-fake", "image_tag": "v1@sha256:00"}""", "image_tag", "is not an image tag" },
        { """{"exp_id": "flu-fake", "image_tag": "sha256:abc"}""", "image_tag", "is not a digest" },
        { """{"exp_id": "flu-fake", "forecast_repo_ref": "--upload-pack=touch /tmp/x"}""", "forecast_repo_ref", "is not a git branch, tag or commit" },
        { """{"exp_id": "flu-fake", "forecast_repo_ref": "main/../../etc"}""", "forecast_repo_ref", "is not a git branch, tag or commit" },
        { """{"exp_id": "flu-fake", "forecast_repo_ref": "main\nFOO=bar"}""", "forecast_repo_ref", "is not a git branch, tag or commit" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task InvalidField_Is400ValidationProblem_NamingTheField(string body, string field, string message)
    {
        using var response = await server.Local.PostJsonAsync("/v1/runs", body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Keys.ShouldContain(field, problem.Body);
        problem.Errors[field].ShouldContain(text => text.Contains(message), problem.Body);
        await NothingStoredAsync();
    }

    [Theory]
    [InlineData("""{"exp_id": """, "malformed JSON body", "")]
    [InlineData("", "malformed JSON body", "")]
    [InlineData("""{"exp_id": 5}""", "malformed JSON body", "$.exp_id")]
    [InlineData("""{"exp_id": "flu-fake", "max_paralelism": 4}""", "malformed JSON body", "max_paralelism")]
    [InlineData("""{"exp_id": "flu-fake", "max_parallelism": "many"}""", "malformed JSON body", "$.max_parallelism")]
    [InlineData("""{"exp_id": "flu-fake", "max_parallelism": "10"}""", "malformed JSON body", "$.max_parallelism")]
    [InlineData("""{"exp_id": "flu-fake", "deadline_hours": "5"}""", "malformed JSON body", "$.deadline_hours")]
    [InlineData("null", "missing body", "exp_id")]
    [InlineData("[1, 2]", "malformed JSON body", "")]
    public async Task MalformedBody_Is400Problem(string body, string title, string detail)
    {
        using var response = await server.Local.PostJsonAsync("/v1/runs", body);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Title.ShouldBe(title, problem.Body);
        problem.Detail.ShouldContain(detail, Case.Sensitive, problem.Body);
        await NothingStoredAsync();
    }

    [Fact]
    public async Task UnknownExperiment_Is404Problem_NamingIt()
    {
        using var response = await server.Local.PostJsonAsync("/v1/runs", """{"exp_id": "no-such-experiment"}""");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        problem.Title.ShouldBe("experiment not found");
        problem.Detail.ShouldContain("experiment 'no-such-experiment' not found");
        await NothingStoredAsync();
    }

    [Fact]
    public async Task TooLargeBody_IsRefused()
    {
        var huge = $$$"""{"exp_id": "flu-fake", "labels": {"x": "{{{new string('a', 70_000)}}}"}}""";

        using var response = await server.Local.PostJsonAsync("/v1/runs", huge);

        ((int)response.StatusCode).ShouldBeOneOf(400, 413);
        await NothingStoredAsync();
    }

    private async Task NothingStoredAsync()
    {
        (await server.Local.ListRunsAsync()).Runs.ShouldBeEmpty();
        server.Local.Fake!.Calls().ShouldBeEmpty();
        Directory.Exists(server.Local.Options.BucketRoot).ShouldBeFalse();
    }
}
