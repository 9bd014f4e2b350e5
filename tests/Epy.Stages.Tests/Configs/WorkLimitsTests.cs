using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Configs;

/// <summary>
/// Issue 19, bounded work: steps, simulations, trajectories, particles, samples and a task's estimated memory
/// are refused by the builder (before any task is planned) at the value that asks too much, as
/// <c>file:line:column: field: ...</c>, exit 3; and by the runner for an input that bypassed the builder.
/// </summary>
public sealed class WorkLimitsTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private void Basemodel(string from, string to) =>
        _run.EditConfig("basemodel.yml", text => text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"no '{from}'"));

    private void Modelset(string from, string to) =>
        _run.EditConfig("modelset.yml", text => text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"no '{from}'"));

    private void BuilderRefuses(string file, string field, string reason)
    {
        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput, _run.Log.ToString());
        _run.Log.ToString().ShouldMatch($@"{file.Replace(".", @"\.", StringComparison.Ordinal)}:\d+:\d+: {field.Replace(".", @"\.", StringComparison.Ordinal)}: .*{reason}");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_EndDateInTheYear9999_IsRefused_NamingEndDate()
    {
        Basemodel("end_date: \"2025-05-31\"", "end_date: \"9999-12-31\"");

        BuilderRefuses("basemodel.yml", "model.timespan.end_date", "more than the 100,000 a trajectory may take");
    }

    [Fact]
    public void Builder_TinyDeltaT_IsRefused_NamingDeltaT()
    {
        Basemodel("delta_t: 1.0", "delta_t: 0.000001");

        BuilderRefuses("basemodel.yml", "model.timespan.delta_t", "steps from 2024-09-15");
    }

    [Fact]
    public void Builder_ABillionTrajectories_IsRefused_NamingNTrajectories()
    {
        Modelset("n_trajectories: 10", "n_trajectories: 1000000000");

        BuilderRefuses("modelset.yml", "modelset.calibration.projection.n_trajectories", "more than the 100,000 a run may ask for");
    }

    [Fact]
    public void Builder_TenMillionParticles_IsRefused_NamingNumParticles()
    {
        Modelset("num_particles: 20", "num_particles: 10000000");

        BuilderRefuses("modelset.yml", "modelset.calibration.strategy.options.num_particles", "more than the 1,000,000 a calibration may have");
    }

    [Fact]
    public void Builder_TaskOverTheMemoryBudget_IsRefused_NamingWhatSetsIt()
    {
        Modelset("n_trajectories: 10", "n_trajectories: 100000");

        BuilderRefuses("modelset.yml", "modelset.calibration.projection.n_trajectories", "MiB budget \\(TASK_MEMORY_BUDGET_MIB\\)");
    }

    [Fact]
    public void Builder_BudgetRaised_AcceptsWhatTheDefaultRefuses()
    {
        Modelset("n_trajectories: 10", "n_trajectories: 100000");
        _run.Set("TASK_MEMORY_BUDGET_MIB", "1048576");

        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
    }

    [Fact]
    public void Builder_BudgetThatIsNotANumber_ExitsThree_NamingTheVariable()
    {
        _run.Set("TASK_MEMORY_BUDGET_MIB", "lots");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("TASK_MEMORY_BUDGET_MIB");
    }

    [Fact]
    public void Runner_InputOverItsBudget_ExitsThree_BeforeSimulating()
    {
        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        _run.Set("TASK_MEMORY_BUDGET_MIB", "1");

        _run.Stage("runner", taskIndex: 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("MiB budget");
        File.Exists(Path.Combine(_run.RunFolder, "runner-artifacts", "result_00000.json.gz")).ShouldBeFalse();
    }

    [Fact]
    public void TaskRefusal_AboveTheBound_SaysHowMany()
    {
        WorkLimits.TaskRefusal(WorkLimits.MaxTasks).ShouldBeNull();
        WorkLimits.TaskRefusal(WorkLimits.MaxTasks + 1).ShouldBe("10,001 tasks (locations × sample rows): more than the 10,000 a run may have");
    }
}
