using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Testing.Batch;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>The fake enforces what Batch's reference documents, so tests against it mean something.</summary>
public sealed class FakeBatchServerTests : IDisposable
{
    private const string Jobs = "v1/projects/test-project/locations/us-central1/jobs";
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private static JsonObject ValidJob(int tasks = 1) => BatchJobBuilder.Build(BatchSpecs.Runner(tasks), BatchSpecs.Options());

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(FakeBatchServer fake, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(fake.BaseAddress, path));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Theory]
    [InlineData("Stage-b-1")]
    [InlineData("1-stage")]
    [InlineData("stage-b-")]
    [InlineData("stage_b")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public async Task Create_JobIdBreakingTheRule_IsRejected(string jobId)
    {
        await using var fake = await FakeBatchServer.StartAsync();

        var (status, body) = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId={jobId}", ValidJob());

        status.ShouldBe(HttpStatusCode.BadRequest);
        ((string)body!["error"]!["status"]!).ShouldBe("INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Create_Int64AsANumber_IsRejected()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var job = ValidJob();
        job["taskGroups"]![0]!["taskCount"] = 3;

        var (status, body) = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", job);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ((string)body!["error"]!["message"]!).ShouldContain("taskCount");
    }

    [Fact]
    public async Task Create_UnknownFieldName_IsRejectedLikeGooglesParser()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var job = ValidJob();
        job["taskGroups"]![0]!["taskSpec"]!["max_retry_count"] = 3;

        var (status, body) = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", job);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ((string)body!["error"]!["message"]!).ShouldContain("Unknown name \"max_retry_count\"");
    }

    [Theory]
    [InlineData("maxRunDuration", "1h")]
    [InlineData("maxRetryCount", "3")]
    public async Task Create_BadlyTypedTaskSpecField_IsRejected(string field, string value)
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var job = ValidJob();
        job["taskGroups"]![0]!["taskSpec"]![field] = value;

        var (status, _) = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", job);

        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_UnknownEnumValue_AndTwoTaskGroups_AreRejected()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var lowercase = ValidJob();
        lowercase["logsPolicy"]!["destination"] = "cloud_logging";
        var twoGroups = ValidJob();
        twoGroups["taskGroups"]!.AsArray().Add(twoGroups["taskGroups"]![0]!.DeepClone());

        (await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", lowercase)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j2", twoGroups)).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task Create_InvalidRequestId_IsRejected(string requestId)
    {
        await using var fake = await FakeBatchServer.StartAsync();

        (await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1&requestId={requestId}", ValidJob())).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_SameRequestIdTwice_GivesTheSameJob_AnotherRequestId_Conflicts()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { HoldQueue = true });
        var request = Guid.NewGuid();

        var first = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1&requestId={request}", ValidJob());
        var again = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?job_id=j1&request_id={request}", ValidJob());
        var other = await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1&requestId={Guid.NewGuid()}", ValidJob());

        first.Status.ShouldBe(HttpStatusCode.OK);
        again.Status.ShouldBe(HttpStatusCode.OK);
        ((string)again.Body!["uid"]!).ShouldBe((string)first.Body!["uid"]!);
        other.Status.ShouldBe(HttpStatusCode.Conflict);
        ((string)other.Body!["error"]!["status"]!).ShouldBe("ALREADY_EXISTS");
        fake.JobCount.ShouldBe(1);
    }

    [Fact]
    public async Task Create_UnknownQueryParameter_IsRejected()
    {
        await using var fake = await FakeBatchServer.StartAsync();

        (await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1&job=x", ValidJob())).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_ReturnsTheJobWithNameStatusCountsAndStringTaskCount()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", ValidJob(3));
        await fake.WaitForFinalAsync("j1");

        var (status, job) = await SendAsync(fake, HttpMethod.Get, $"{Jobs}/j1");

        status.ShouldBe(HttpStatusCode.OK);
        ((string)job!["name"]!).ShouldBe("projects/test-project/locations/us-central1/jobs/j1");
        ((string)job["status"]!["state"]!).ShouldBe("SUCCEEDED");
        ((string)job["status"]!["taskGroups"]!["group0"]!["counts"]!["SUCCEEDED"]!).ShouldBe("3");
        ((string)job["taskGroups"]![0]!["taskCount"]!).ShouldBe("3");
        job["status"]!["statusEvents"]!.AsArray().Select(e => (string)e!["description"]!)
            .ShouldContain(d => d.Contains("from RUNNING to SUCCEEDED", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("filter=State%3Dfailed")]
    [InlineData("filter=status%3DFAILED")]
    [InlineData("pageToken=bm9wZQ%3D%3D")]
    [InlineData("pageSize=-1")]
    public async Task ListTasks_BadFilterPageTokenOrSize_IsRejected(string query)
    {
        await using var fake = await FakeBatchServer.StartAsync();
        await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", ValidJob(3));

        var (status, _) = await SendAsync(fake, HttpMethod.Get, $"{Jobs}/j1/taskGroups/group0/tasks?{query}");

        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListTasks_PagesThroughMatchingTasksInOrder()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { MaxPageSize = 2 });
        await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", ValidJob(5));
        await fake.WaitForFinalAsync("j1");

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (_, page) = await SendAsync(fake, HttpMethod.Get,
                $"{Jobs}/j1/taskGroups/group0/tasks?filter=State%3DSUCCEEDED" + (token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}"));
            names.AddRange(page!["tasks"]!.AsArray().Select(t => (string)t!["name"]!));
            token = (string?)page["nextPageToken"];
            pages++;
        }
        while (token is not null);

        pages.ShouldBe(3);
        names.Select(n => n[(n.LastIndexOf('/') + 1)..]).ShouldBe(["0", "1", "2", "3", "4"]);
    }

    [Fact]
    public async Task Cancel_FinishedJob_FailsItsPrecondition_AndAnUnknownJobIsNotFound()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        await SendAsync(fake, HttpMethod.Post, $"{Jobs}?jobId=j1", ValidJob());
        await fake.WaitForFinalAsync("j1");

        var finished = await SendAsync(fake, HttpMethod.Post, $"{Jobs}/j1:cancel", new JsonObject { ["requestId"] = Guid.NewGuid().ToString() });
        var unknown = await SendAsync(fake, HttpMethod.Post, $"{Jobs}/j9:cancel", new JsonObject());

        finished.Status.ShouldBe(HttpStatusCode.BadRequest);
        ((string)finished.Body!["error"]!["status"]!).ShouldBe("FAILED_PRECONDITION");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
