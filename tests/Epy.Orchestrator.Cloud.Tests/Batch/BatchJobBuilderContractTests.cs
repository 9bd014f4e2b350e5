using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Testing.Batch;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>
/// The Job JSON we send, against Batch v1's REST reference: field names, enums by name, int64 fields as
/// strings, durations as "Ns", and the pipeline's labels, environment and policies.
/// </summary>
public partial class BatchJobBuilderContractTests
{
    // Maps whose keys are data, not field names.
    private static readonly string[] MapFields = ["labels", "variables"];

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    private static JsonObject Runner(int tasks = 10) => BatchJobBuilder.Build(BatchSpecs.Runner(tasks, maxParallelism: 4, tasksPerNode: 2), BatchSpecs.Options());

    [Fact]
    public void Build_RunnerJob_HasOneTaskGroupWithInt64FieldsAsStrings()
    {
        var group = Runner(10)["taskGroups"]!.AsArray().Single()!;

        group["taskCount"]!.GetValueKind().ShouldBe(JsonValueKind.String);
        ((string)group["taskCount"]!).ShouldBe("10");
        ((string)group["parallelism"]!).ShouldBe("4");
        ((string)group["taskCountPerNode"]!).ShouldBe("2");
        group["taskEnvironments"].ShouldBeNull();
    }

    [Fact]
    public void Build_RunnerJob_RunsTheStageImageWithTheStageCommand()
    {
        var spec = BatchSpecs.Runner(request: new RunRequest("v1.4.2", null, ValueList<KeyValuePair<string, string>>.Empty, "test"));

        var container = BatchJobBuilder.Build(spec, BatchSpecs.Options())["taskGroups"]![0]!["taskSpec"]!["runnables"]![0]!["container"]!;

        ((string)container["imageUri"]!).ShouldBe("us-central1-docker.pkg.dev/test-project/epy/epy-stages:v1.4.2");
        ((string)container["entrypoint"]!).ShouldBe("epy-stage");
        container["commands"]!.AsArray().Select(c => (string)c!).ShouldBe(["runner"]);
    }

    [Fact]
    public void Build_RunnerJob_HasComputeResourceAsStringsAndDurationInSeconds()
    {
        var spec = BatchSpecs.Runner(resources: new StageResources(2000, 4096, null, TimeSpan.FromHours(1)));

        var taskSpec = BatchJobBuilder.Build(spec, BatchSpecs.Options())["taskGroups"]![0]!["taskSpec"]!;

        taskSpec["computeResource"]!["cpuMilli"]!.GetValueKind().ShouldBe(JsonValueKind.String);
        ((string)taskSpec["computeResource"]!["cpuMilli"]!).ShouldBe("2000");
        ((string)taskSpec["computeResource"]!["memoryMib"]!).ShouldBe("4096");
        ((string)taskSpec["maxRunDuration"]!).ShouldBe("3600s");
    }

    [Fact]
    public void Build_RunnerJob_RetriesVmFailuresAndRetryableCodesAsRetryTask()
    {
        var taskSpec = Runner()["taskGroups"]![0]!["taskSpec"]!;

        taskSpec["maxRetryCount"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        ((int)taskSpec["maxRetryCount"]!).ShouldBe(3);
        var policy = taskSpec["lifecyclePolicies"]!.AsArray().Single()!;
        ((string)policy["action"]!).ShouldBe("RETRY_TASK");
        policy["actionCondition"]!["exitCodes"]!.AsArray().Select(c => (int)c!).ShouldBe([4, 50001, 50002, 50003, 50004, 50005, 50006]);
    }

    [Fact]
    public void Build_RunnerJob_GivesTheStageProgramItsCloudEnvironment()
    {
        var variables = Runner()["taskGroups"]![0]!["taskSpec"]!["environment"]!["variables"]!.AsObject()
            .ToDictionary(p => p.Key, p => (string)p.Value!);

        variables.ShouldBe(new Dictionary<string, string>
        {
            ["ALLOW_PARTIAL_RESULTS"] = "false",
            ["DIR_PREFIX"] = "pipeline/flu/",
            ["EPY_JOB_ID"] = "stage-b-20261124-101500-a1b2c3d4-1",
            ["EXECUTION_MODE"] = "cloud",
            ["EXP_ID"] = "flu/2026-round_3",
            ["GCS_BUCKET"] = "epy-runs",
            ["NUM_TASKS"] = "10",
            ["RUN_ID"] = "20261124-101500-a1b2c3d4",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Build_BuilderJob_HasNoTaskCountToTellYet_AndOutputJobMayUsePartialResults()
    {
        var builder = BatchJobBuilder.Environment(BatchSpecs.Builder(), BatchSpecs.Options());
        var output = BatchJobBuilder.Environment(BatchSpecs.Output(), BatchSpecs.Options());

        builder.ShouldNotContainKey("NUM_TASKS");
        output["NUM_TASKS"].ShouldBe("10");
        output["ALLOW_PARTIAL_RESULTS"].ShouldBe("true");
    }

    [Fact]
    public void Build_ResumedRunnerJob_SendsOneTaskEnvironmentPerTaskWithTheRunsTaskIndex_AndNoTaskCount()
    {
        var spec = BatchSpecs.Runner(attempt: 2, indices: new ValueList<int>([3, 17, 42]));

        var group = BatchJobBuilder.Build(spec, BatchSpecs.Options())["taskGroups"]![0]!;

        group["taskCount"].ShouldBeNull();
        group["taskEnvironments"]!.AsArray().Select(e => (string)e!["variables"]!["TASK_INDEX"]!).ShouldBe(["3", "17", "42"]);
        ((string)group["parallelism"]!).ShouldBe("3");
    }

    [Fact]
    public void Build_RunnerJob_AllocatesSpotC4dVmsWithHyperdiskInTheRegionWithoutExternalIps()
    {
        var allocation = Runner()["allocationPolicy"]!;

        allocation["location"]!["allowedLocations"]!.AsArray().Select(l => (string)l!).ShouldBe(["regions/us-central1"]);
        ((string)allocation["serviceAccount"]!["email"]!).ShouldBe("batch-runner@test-project.iam.gserviceaccount.com");
        var nic = allocation["network"]!["networkInterfaces"]!.AsArray().Single()!;
        ((string)nic["network"]!).ShouldBe("projects/test-project/global/networks/epy");
        ((string)nic["subnetwork"]!).ShouldBe("projects/test-project/regions/us-central1/subnetworks/epy-us-central1");
        ((bool)nic["noExternalIpAddress"]!).ShouldBeTrue();
        var policy = allocation["instances"]!.AsArray().Single()!["policy"]!;
        ((string)policy["machineType"]!).ShouldBe("c4d-highcpu-8");
        ((string)policy["provisioningModel"]!).ShouldBe("SPOT");
        ((string)policy["bootDisk"]!["type"]!).ShouldBe("hyperdisk-balanced");
        policy["bootDisk"]!["sizeGb"]!.GetValueKind().ShouldBe(JsonValueKind.String);
        ((string)policy["bootDisk"]!["sizeGb"]!).ShouldBe("30");
    }

    [Fact]
    public void Build_BuilderJobWithoutMachineType_LetsBatchChooseOnStandardPdBalancedVms()
    {
        var policy = BatchJobBuilder.Build(BatchSpecs.Builder(), BatchSpecs.Options())["allocationPolicy"]!["instances"]![0]!["policy"]!;

        policy["machineType"].ShouldBeNull();
        ((string)policy["provisioningModel"]!).ShouldBe("STANDARD");
        ((string)policy["bootDisk"]!["type"]!).ShouldBe("pd-balanced");
        ((string)policy["bootDisk"]!["sizeGb"]!).ShouldBe("50");
    }

    [Theory]
    [InlineData("c4d-highcpu-8", "hyperdisk-balanced")]
    [InlineData("c4-standard-4", "hyperdisk-balanced")]
    [InlineData("n4-highcpu-2", "hyperdisk-balanced")]
    [InlineData("n2-highcpu-8", "pd-balanced")]
    [InlineData("c2d-highcpu-8", "pd-balanced")]
    [InlineData(null, "pd-balanced")]
    public void BootDiskType_FollowsTheMachineFamily(string? machineType, string expected) =>
        BatchJobBuilder.BootDiskType(machineType).ShouldBe(expected);

    [Fact]
    public void Build_Job_LogsToCloudLoggingAndNotifiesJobStateChanges()
    {
        var job = Runner();

        ((string)job["logsPolicy"]!["destination"]!).ShouldBe("CLOUD_LOGGING");
        var notification = job["notifications"]!.AsArray().Single()!;
        ((string)notification["pubsubTopic"]!).ShouldBe("projects/test-project/topics/batch-events");
        ((string)notification["message"]!["type"]!).ShouldBe("JOB_STATE_CHANGED");
    }

    [Fact]
    public void Build_Job_LabelsLikeThePipeline_AndTheRunsLabelsCannotOverrideThem()
    {
        var request = new RunRequest(null, null, new ValueList<KeyValuePair<string, string>>(
        [
            new("team", "Forecast Hub"), new("stage", "hacked"), new("goog-owner", "x"), new("9lives", "yes"),
        ]), "test");

        var labels = BatchJobBuilder.Build(BatchSpecs.Runner(request: request), BatchSpecs.Options())["labels"]!.AsObject()
            .ToDictionary(p => p.Key, p => (string)p.Value!);

        labels.ShouldBe(new Dictionary<string, string>
        {
            ["billing_project"] = "mobs-lab",
            ["component"] = "epymodelingsuite",
            ["exp_id"] = "flu-2026-round_3",
            ["l-9lives"] = "yes",
            ["managed-by"] = "epy-orchestrator",
            ["profile"] = "prod",
            ["run_id"] = "20261124-101500-a1b2c3d4",
            ["stage"] = "runner",
            ["team"] = "forecast-hub",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Build_Job_TheRunsBillingProject_WinsOverTheDeployments()
    {
        var request = RunRequest.Plain("cli") with { BillingProject = "Flu Team 2026" };

        var labels = BatchJobBuilder.JobLabels(BatchSpecs.Runner(request: request), BatchSpecs.Options());
        var deployment = BatchJobBuilder.JobLabels(BatchSpecs.Runner(), BatchSpecs.Options());

        labels["billing_project"].ShouldBe("flu-team-2026");
        deployment["billing_project"].ShouldBe("mobs-lab");
    }

    [Fact]
    public void Build_Job_EveryFieldNameIsCamelCase()
    {
        var names = new List<string>();
        Collect(Runner(), names);
        Collect(BatchJobBuilder.Build(BatchSpecs.Runner(indices: new ValueList<int>([1, 2])), BatchSpecs.Options()), names);

        names.ShouldNotBeEmpty();
        names.Where(name => !CamelCase().IsMatch(name)).ShouldBeEmpty();
    }

    [Fact]
    public void Build_AnySpec_IsAJobTheFakesDocumentedSchemaAccepts()
    {
        var specs =
            from stage in Gen.OneOfConst(Stage.Builder, Stage.Runner, Stage.Output)
            from tasks in Gen.Int[1, 5000]
            from resumed in Gen.Bool
            from parallelism in Gen.Int[1, 500]
            from perNode in Gen.Int[0, 16]
            from spot in Gen.Bool
            from retries in Gen.Int[0, 20]
            from codes in Gen.Int[1, 255].Array[0, 4]
            from machine in Gen.OneOfConst<string?>(null, "c4d-highcpu-8", "n2-standard-4", "e2-small")
            from tag in Gen.OneOfConst<string?>(null, "v2", "sha256:0123abcd")
            from labelKey in Gen.String[Gen.Char.AlphaNumeric, 1, 80]
            from labelValue in Gen.String[0, 90]
            select new Epy.Orchestrator.Core.Commands.JobSpec(
                new JobId(stage, BatchSpecs.Run, 1), BatchSpecs.Experiment, tasks,
                resumed && stage == Stage.Runner ? new ValueList<int>(Enumerable.Range(0, Math.Min(tasks, 50)).Select(i => i * 3)) : null,
                tasks, resumed, new StageResources(2000, 4096, machine, TimeSpan.FromMinutes(tasks % 700 + 1)),
                parallelism, perNode, spot, retries, new ValueList<int>(codes),
                new RunRequest(tag, "main", new ValueList<KeyValuePair<string, string>>([new(labelKey, labelValue)]), "test"));

        specs.Sample(spec =>
        {
            var problems = FakeBatchSchema.Validate(JsonNode.Parse(BatchJobBuilder.Build(spec, BatchSpecs.Options()).ToJsonString()), "us-central1");
            problems.ShouldBeEmpty();
        }, iter: 300);
    }

    [Fact]
    public void ImageUri_ADigest_IsPinnedWithAt_AndNoTag_UsesTheDefault()
    {
        var options = BatchSpecs.Options();
        var pinned = BatchSpecs.Runner(request: new RunRequest("sha256:ab12", null, ValueList<KeyValuePair<string, string>>.Empty, "t"));

        BatchJobBuilder.ImageUri(pinned, options).ShouldBe("us-central1-docker.pkg.dev/test-project/epy/epy-stages@sha256:ab12");
        BatchJobBuilder.ImageUri(BatchSpecs.Runner(), options).ShouldBe("us-central1-docker.pkg.dev/test-project/epy/epy-stages:latest");
    }

    [Theory]
    [InlineData(3600.0, "3600s")]
    [InlineData(0.2, "1s")]
    [InlineData(43200.0, "43200s")]
    public void Duration_IsWholeSecondsRoundedUp(double seconds, string expected) =>
        BatchJobBuilder.Duration(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void Build_RetryCount_IsKeptWithinBatchsLimit()
    {
        var job = BatchJobBuilder.Build(BatchSpecs.Runner(maxRetryCount: 25), BatchSpecs.Options());

        ((int)job["taskGroups"]![0]!["taskSpec"]!["maxRetryCount"]!).ShouldBe(10);
    }

    private static void Collect(JsonNode? node, List<string> names)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json)
                {
                    names.Add(name);
                    if (!MapFields.Contains(name))
                        Collect(value, names);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    Collect(item, names);
                break;
        }
    }
}
