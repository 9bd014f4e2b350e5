using System.Net;
using Epy.Google.Auth;
using Epy.Google.Batch;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Testing.Batch;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>Epy.Google's thin Batch client against the faithful fake: Batch's JSON in, Batch's JSON out, refusals as <see cref="BatchException"/>.</summary>
public sealed class BatchClientTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private BatchClient Client(FakeBatchServer fake) =>
        new(_http, new NoAccessToken(), fake.BaseAddress, BatchSpecs.Options(fake.BaseAddress).Resilience(), TimeProvider.System);

    [Fact]
    public async Task CreateJob_ThenGetJob_AnswersBatchsJob()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var options = BatchSpecs.Options(fake.BaseAddress);
        var spec = BatchSpecs.Runner(2);
        var client = Client(fake);

        await client.CreateJobAsync(options.Parent, spec.Id.Value, BatchRequestIds.ForCreate(spec.Id).ToString(), BatchJobBuilder.Build(spec, options).ToJsonString(), default);
        using var job = await client.GetJobAsync($"{options.Parent}/jobs/{spec.Id.Value}", default);

        job.RootElement.GetProperty("name").GetString().ShouldBe($"{options.Parent}/jobs/{spec.Id.Value}");
        BatchJobReader.TaskCount(job.RootElement).ShouldBe(2);
    }

    [Fact]
    public async Task GetJob_Unknown_ThrowsBatchException_WithGooglesStatusAndMessage()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var options = BatchSpecs.Options(fake.BaseAddress);

        var refused = await Should.ThrowAsync<BatchException>(() => Client(fake).GetJobAsync($"{options.Parent}/jobs/nope", default));

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.Status.ShouldBe("NOT_FOUND");
        refused.Detail.ShouldContain("nope");
    }
}
