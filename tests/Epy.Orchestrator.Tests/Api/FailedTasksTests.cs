using System.IO.Compression;
using System.Net;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>Stage B tasks that fail: within tolerance Stage C runs on partial results; beyond it only the failed tasks run again.</summary>
public sealed class FailedTasksTests
{
    [Fact]
    public async Task Run_AllTasksSucceed_RunsEachStageOnceAndSucceeds()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var fake = server.Fake!;
        fake.Completions("builder").ShouldBe(1);
        for (var task = 0; task < 3; task++)
            fake.Completions("runner", task).ShouldBe(1);
        fake.Completions("output").ShouldBe(1);
        done.TaskCount.ShouldBe(3);
        done.FailedTasks.ShouldBeEmpty();
        done.Jobs.Select(j => (j.JobId, j.State)).ShouldBe([
            ($"stage-a-{run.RunId}-1", "SUCCEEDED"), ($"stage-b-{run.RunId}-1", "SUCCEEDED"), ($"stage-c-{run.RunId}-1", "SUCCEEDED")]);
        done.Outputs.ShouldBe([$"{run.ArtifactRoot}outputs/x.csv.gz"]);
        var runnerStarts = fake.Calls().Where(c => c.Event == "start" && c.Stage == "runner").ToList();
        runnerStarts.ShouldAllBe(c => c.Value("num_tasks") == "3" && c.Value("mode") == "local");
        fake.Calls().Single(c => c.Event == "start" && c.Stage == "output").Value("allow_partial").ShouldBe("false");
    }

    [Fact]
    public async Task FailedTaskWithinTolerance_IsResumedFirst_ThenOutputRunsOnPartialResults()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(4).FailingTask(2));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 1)));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        done.AutoResumesUsed.ShouldBe(1, "a failed task is run again before it is tolerated");
        done.Jobs.Count(j => j.Stage == "runner").ShouldBe(2);
        done.FailedTasks.ShouldBe([new FailedTaskView(2, 3)]);
        server.Fake!.Calls().Single(c => c.Event == "start" && c.Stage == "output").Value("allow_partial").ShouldBe("true");
    }

    [Fact]
    public async Task FailedTaskWithinTolerance_WithNoResumeLeft_OutputRunsOnPartialResults_AndRunSucceedsListingIt()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(4).FailingTask(2));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 1), AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        done.FailedTasks.ShouldBe([new FailedTaskView(2, 3)]);
        done.Jobs.Count(j => j.Stage == "runner").ShouldBe(1, "within tolerance nothing is resumed");
        done.Jobs.Single(j => j.Stage == "runner").Failed.ShouldBe(1);
        var fake = server.Fake!;
        fake.Starts("runner", 2).ShouldBe(1);
        fake.Calls().Single(c => c.Event == "start" && c.Stage == "output").Value("allow_partial").ShouldBe("true");
        fake.Completions("output").ShouldBe(1);
        ReadGzip(Path.Combine(server.RunFolder(done), "outputs", "x.csv.gz")).ShouldContain("4,1,true");
    }

    [Fact]
    public async Task FailedTasksBeyondTolerance_AreResumedAutomatically_OnlyThoseRunAgain()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(4).FailingTask(1, times: 1).FailingTask(3, times: 1));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var fake = server.Fake!;
        fake.Starts("runner", 0).ShouldBe(1);
        fake.Starts("runner", 2).ShouldBe(1);
        fake.Starts("runner", 1).ShouldBe(2);
        fake.Starts("runner", 3).ShouldBe(2);
        for (var task = 0; task < 4; task++)
            fake.Completions("runner", task).ShouldBe(1);
        var runners = done.Jobs.Where(j => j.Stage == "runner").ToList();
        runners.Select(j => (j.JobId, j.State, j.TaskCount)).ShouldBe([
            ($"stage-b-{run.RunId}-1", "FAILED", 4), ($"stage-b-{run.RunId}-2", "SUCCEEDED", 2)]);
        // The second job's tasks are the run's tasks 1 and 3.
        fake.Calls().Where(c => c.Event == "start" && c.Value("job") == $"stage-b-{run.RunId}-2").Select(c => c.Task).Order().ShouldBe([1, 3]);
        done.AutoResumesUsed.ShouldBe(1);
        done.FailedTasks.ShouldBeEmpty();
        fake.Calls().Single(c => c.Event == "start" && c.Stage == "output").Value("allow_partial").ShouldBe("false");
    }

    [Fact]
    public async Task PersistentFailure_FailsAfterAutoResumes_ThenManualResumeRunsOnlyTheFailedTasks()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3).FailingTask(1));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, AutoResumes: 1));
        var failed = await server.WaitForEndAsync(run.RunId, "FAILED");

        failed.FailedTasks.ShouldBe([new FailedTaskView(1, 3)]);
        failed.Failure.ShouldNotBeNull().ShouldContain("task 1 (exit 3)");
        failed.Jobs.Where(j => j.Stage == "runner").Select(j => j.TaskCount).ShouldBe([3, 1]);
        failed.Jobs.ShouldNotContain(j => j.Stage == "output");
        var fake = server.Fake!;
        fake.Starts("runner", 1).ShouldBe(2);

        fake.Healed(1);
        using var resume = await server.Client.PostAsync($"/v1/runs/{run.RunId}:resume", null);
        resume.StatusCode.ShouldBe(HttpStatusCode.Accepted, await resume.Content.ReadAsStringAsync());
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        fake.Starts("runner", 0).ShouldBe(1);
        fake.Starts("runner", 2).ShouldBe(1);
        fake.Starts("runner", 1).ShouldBe(3);
        fake.Completions("runner", 1).ShouldBe(1);
        var third = done.Jobs.Where(j => j.Stage == "runner").Last();
        third.JobId.ShouldBe($"stage-b-{run.RunId}-3");
        third.TaskCount.ShouldBe(1);
        done.ManualResumes.ShouldBe(1);
        done.FailedTasks.ShouldBeEmpty();
        fake.Completions("output").ShouldBe(1);
    }

    [Fact]
    public async Task RetryableExitCode_IsRetriedInPlace_UpToMaxRetryCount()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(0, times: 2, exitCode: 4).FailingTask(1, times: 1, exitCode: 4));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, MaxRetryCount: 2));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var fake = server.Fake!;
        fake.Starts("runner", 0).ShouldBe(3);
        fake.Starts("runner", 1).ShouldBe(2);
        done.Jobs.Count(j => j.Stage == "runner").ShouldBe(1, "retries stay inside the job");
        done.AutoResumesUsed.ShouldBe(0);
    }

    [Fact]
    public async Task RetryableExitCode_BeyondMaxRetryCount_FailsTheTask()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(0, times: 2, exitCode: 4));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, MaxRetryCount: 1, AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "FAILED");

        server.Fake!.Starts("runner", 0).ShouldBe(2);
        done.FailedTasks.ShouldBe([new FailedTaskView(0, 4)]);
    }

    [Fact]
    public async Task OutputFailure_FailsTheRun_AndResumeRunsOnlyTheOutputAgain()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask("output", times: 1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var failed = await server.WaitForEndAsync(run.RunId, "FAILED");
        failed.Failure.ShouldNotBeNull().ShouldContain($"output job stage-c-{run.RunId}-1 failed");

        using var resume = await server.Client.PostAsync($"/v1/runs/{run.RunId}:resume", null);
        resume.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var fake = server.Fake!;
        fake.Starts("builder").ShouldBe(1);
        fake.Starts("runner", 0).ShouldBe(1);
        fake.Starts("runner", 1).ShouldBe(1);
        fake.Starts("output").ShouldBe(2);
        done.Jobs.Select(j => j.JobId).Last().ShouldBe($"stage-c-{run.RunId}-2");
    }

    [Fact]
    public async Task BuilderFailure_FailsTheRun_AndResumeRunsTheBuilderAgain()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1).FailingTask("builder", times: 1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var failed = await server.WaitForEndAsync(run.RunId, "FAILED");
        failed.Failure.ShouldNotBeNull().ShouldContain($"builder job stage-a-{run.RunId}-1 failed");
        failed.TaskCount.ShouldBe(0);

        using var resume = await server.Client.PostAsync($"/v1/runs/{run.RunId}:resume", null);
        resume.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        server.Fake!.Starts("builder").ShouldBe(2);
        done.Jobs.Select(j => j.JobId).ShouldBe([$"stage-a-{run.RunId}-1", $"stage-a-{run.RunId}-2", $"stage-b-{run.RunId}-1", $"stage-c-{run.RunId}-1"]);
    }

    [Fact]
    public async Task SkipOutput_SucceedsAfterTheRunner_WithoutStageC()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));

        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, SkipOutput: true));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        done.Jobs.Select(j => j.Stage).ShouldBe(["builder", "runner"]);
        server.Fake!.Starts("output").ShouldBe(0);
        done.Outputs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Resume_OfARunThatDidNotFail_Is409Problem()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        using var resume = await server.Client.PostAsync($"/v1/runs/{run.RunId}:resume", null);

        resume.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        resume.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await resume.Content.ReadAsStringAsync()).ShouldContain("only a FAILED or CANCELLED run can be resumed");
    }

    private static string ReadGzip(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
