using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Batch;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>
/// What a job gets from its stage (issue 19): each stage's VMs run as that stage's own service account (only the
/// builder's may read the GitHub token), and the builder and runner learn the memory a runner task will have.
/// </summary>
public sealed class BatchJobStageSettingsTests
{
    private const string Builder = "epy-builder@test-project.iam.gserviceaccount.com";
    private const string Runner = "epy-runner@test-project.iam.gserviceaccount.com";
    private const string Output = "epy-output@test-project.iam.gserviceaccount.com";

    private static BatchOptions PerStageAccounts()
    {
        var options = BatchSpecs.Options();
        options.Builder.ServiceAccountEmail = Builder;
        options.Runner.ServiceAccountEmail = Runner;
        options.Output.ServiceAccountEmail = Output;
        return options;
    }

    private static string Account(Core.Commands.JobSpec spec, BatchOptions options) =>
        (string)BatchJobBuilder.Build(spec, options)["allocationPolicy"]!["serviceAccount"]!["email"]!;

    [Fact]
    public void Build_EachStage_RunsAsItsOwnServiceAccount()
    {
        var options = PerStageAccounts();

        Account(BatchSpecs.Builder(), options).ShouldBe(Builder);
        Account(BatchSpecs.Runner(), options).ShouldBe(Runner);
        Account(BatchSpecs.Output(), options).ShouldBe(Output);
    }

    [Fact]
    public void Build_AStageWithoutItsOwnAccount_RunsAsTheSharedOne()
    {
        var options = BatchSpecs.Options();
        options.Builder.ServiceAccountEmail = Builder;

        Account(BatchSpecs.Runner(), options).ShouldBe(options.ServiceAccountEmail);
        Account(BatchSpecs.Builder(), options).ShouldBe(Builder);
    }

    [Fact]
    public void Options_AStageAccountThatIsNoEmail_IsAProblem()
    {
        var options = BatchSpecs.Options();
        options.Runner.ServiceAccountEmail = "epy-runner";

        options.Problems().ShouldHaveSingleItem().ShouldBe("Batch:Runner:ServiceAccountEmail 'epy-runner' is not a service account email");
    }

    [Fact]
    public void Environment_TellsTheBuilder_TheRunnerTasksMemory()
    {
        var builder = BatchSpecs.Builder() with { TaskMemoryBudgetMib = 16384 };

        BatchJobBuilder.Environment(builder, BatchSpecs.Options())["TASK_MEMORY_BUDGET_MIB"].ShouldBe("16384");
        BatchJobBuilder.Environment(BatchSpecs.Output(), BatchSpecs.Options()).ShouldNotContainKey("TASK_MEMORY_BUDGET_MIB");
    }
}
