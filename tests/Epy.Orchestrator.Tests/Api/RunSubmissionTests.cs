using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Orchestrator.Runs;
using Epy.Orchestrator.Tests.Dashboard;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>GET /v1/runs/{id}: the hub's verdict on the run's submission, read from <c>outputs/submission_validation.json</c>.</summary>
public sealed class RunSubmissionTests
{
    private const string Valid = """
        {"valid": true, "problems": [], "hub_config": "/hub/hub-config",
         "submission_file": "2025-12-20-MOBS-GLEAM.csv", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}
        """;

    [Fact]
    public async Task Get_RunWithAVerdict_CarriesTheSubmissionObject_InSnakeCase()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await ExampleOutputs.FinishedRunAsync(server);
        await WriteVerdictAsync(server, run, Valid);

        var (json, view) = await GetAsync(server, run.RunId);

        var submission = json.GetProperty("submission");
        submission.GetProperty("valid").GetBoolean().ShouldBeTrue();
        submission.GetProperty("problems").GetArrayLength().ShouldBe(0);
        submission.GetProperty("submission_file").GetString().ShouldBe("2025-12-20-MOBS-GLEAM.csv");
        submission.GetProperty("model_id").GetString().ShouldBe("MOBS-GLEAM");
        submission.GetProperty("reference_date").GetString().ShouldBe("2025-12-20");
        submission.GetProperty("hub_config").GetString().ShouldBe("/hub/hub-config");
        submission.TryGetProperty("unreadable", out _).ShouldBeFalse("a readable verdict leaves 'unreadable' out");
        var parsed = view.Submission.ShouldNotBeNull();
        (parsed.Valid, parsed.SubmissionFile, parsed.ModelId, parsed.ReferenceDate).ShouldBe((true, "2025-12-20-MOBS-GLEAM.csv", "MOBS-GLEAM", "2025-12-20"));
    }

    [Fact]
    public async Task Get_InvalidVerdict_ListsEveryProblem()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await ExampleOutputs.FinishedRunAsync(server);
        var problems = Enumerable.Range(1, 23).Select(i => $"row {i}: value < 0").ToList();
        await WriteVerdictAsync(server, run, JsonSerializer.Serialize(new { valid = false, problems, hub_config = "/hub/hub-config" }));

        var (_, view) = await GetAsync(server, run.RunId);

        view.Submission.ShouldNotBeNull();
        view.Submission.Valid.ShouldBe(false);
        view.Submission.Problems.ShouldBe(problems);
        view.Submission.SubmissionFile.ShouldBeNull();
    }

    [Fact]
    public async Task Get_RunWithoutAVerdict_HasNoSubmissionProperty()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var (json, view) = await GetAsync(server, run.RunId);

        json.TryGetProperty("submission", out _).ShouldBeFalse();
        view.Submission.ShouldBeNull();
        view.Outputs.ShouldNotBeNull().ShouldNotBeEmpty("the outputs are still listed");
    }

    [Fact]
    public async Task Get_MalformedOrOversizedVerdict_IsOk_AndSaysTheVerdictIsUnreadable()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var malformed = await ExampleOutputs.FinishedRunAsync(server);
        var oversized = await ExampleOutputs.FinishedRunAsync(server);
        await WriteVerdictAsync(server, malformed, "{\"valid\": tru");
        await File.WriteAllBytesAsync(VerdictPath(server, oversized), new byte[SubmissionVerdicts.MaxBytes + 1]);

        var (_, first) = await GetAsync(server, malformed.RunId);
        var (_, second) = await GetAsync(server, oversized.RunId);

        first.Submission.ShouldNotBeNull().Valid.ShouldBeNull();
        first.Submission.Unreadable.ShouldNotBeNull().ShouldStartWith($"{SubmissionValidationFile.FileName} is not valid JSON");
        second.Submission.ShouldNotBeNull().Valid.ShouldBeNull();
        second.Submission.Unreadable.ShouldBe($"{SubmissionValidationFile.FileName} is over 8 MiB ({SubmissionVerdicts.MaxBytes + 1} bytes)");
    }

    private static string VerdictPath(LocalServer server, RunView run) => Path.Combine(server.RunFolder(run), "outputs", SubmissionValidationFile.FileName);

    private static Task WriteVerdictAsync(LocalServer server, RunView run, string json) => File.WriteAllTextAsync(VerdictPath(server, run), json);

    private static async Task<(JsonElement Json, RunView View)> GetAsync(LocalServer server, string runId)
    {
        using var response = await server.Client.GetAsync($"/v1/runs/{runId}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return (JsonDocument.Parse(body).RootElement.Clone(), JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!);
    }
}
