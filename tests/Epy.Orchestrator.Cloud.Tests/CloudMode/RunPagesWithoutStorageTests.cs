using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Testing.Emulators;
using Epy.Testing.Builders;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>
/// A Cloud Storage outage (its address answers nothing) while Firestore works: run pages show the run
/// without its outputs and say why, and only what needs a file answers 503, never 500.
/// </summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class RunPagesWithoutStorageTests(FirestoreEmulatorFixture firestore)
{
    [Fact]
    public async Task RunPages_WithCloudStorageDown_ShowTheRunWithoutOutputs_AndADownloadIs503()
    {
        var settings = CloudSettings.For(firestore.BaseAddress, firestore.NewProject(), CloudSettings.Nowhere, CloudSettings.Nowhere, "epy-runs", "projects/test-project/topics/batch-jobs");
        await using var service = await CloudService.StartAsync(settings);
        var seed = new RunBuilder().Requested();
        await service.Services.GetRequiredService<IRunStore>().CreateAsync(new StoredRun(seed.State, seed.Policy, 0, []), null, default);
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        var id = RunBuilder.Run.Value;

        using var api = await http.GetAsync($"v1/runs/{id}");
        using var page = await http.GetAsync($"runs/{id}");
        using var download = await http.GetAsync($"runs/{id}/outputs/forecast.csv");

        var body = await api.Content.ReadAsStringAsync();
        api.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var view = JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!;
        view.RunId.ShouldBe(id);
        view.Outputs.ShouldBeNull();
        view.OutputsProblem.ShouldNotBeNull().ShouldContain("Cloud Storage");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("id=\"outputs-problem\"");
        download.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
