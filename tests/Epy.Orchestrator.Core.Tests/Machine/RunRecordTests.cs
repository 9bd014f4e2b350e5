using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

public sealed class RunRecordTests
{
    [Fact]
    public void Decide_EveryEnding_WritesTheRunRecordWithItsStatus()
    {
        new RunBuilder().Succeeded().Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunRecord>().Status.ShouldBe(RunStatus.Succeeded);
        new RunBuilder().Requested().Job(JobState.Failed).Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunRecord>().Status.ShouldBe(RunStatus.Failed);
        new RunBuilder().Requested().Cancel().Job(JobState.Cancelled).Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunRecord>().Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public void Decide_ResumedRunThatEndsAgain_WritesItsRecordAnew()
    {
        var run = new RunBuilder().Requested().Job(JobState.Failed);
        var first = run.Commands.OfType<WriteRunRecord>().Single();

        run.Resume().Job(JobState.Failed);

        run.Commands.OfType<WriteRunRecord>().Single().CommandId.ShouldNotBe(first.CommandId);
    }

    [Fact]
    public void Decide_ResumedRunEndsAgainWithoutANewJob_WritesItsRecordAnew()
    {
        // The builder succeeded but counting its inputs failed; the resume counts again, which fails again.
        var run = new RunBuilder().BuilderSucceeded();
        run.CommandFailed(run.LastCommand!.CommandId);
        var first = run.Commands.OfType<WriteRunRecord>().Single();

        run.Resume().CommandFailed(run.LastCommand!.CommandId);

        var second = run.Commands.OfType<WriteRunRecord>().Single();
        run.State.Status.ShouldBe(RunStatus.Failed);
        second.CommandId.ShouldNotBe(first.CommandId);
    }
}
