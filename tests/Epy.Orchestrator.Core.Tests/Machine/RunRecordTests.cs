using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Tests.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

public sealed class RunMetadataTests
{
    [Fact]
    public void Decide_EveryEnding_WritesTheRunsMetadataWithItsStatus()
    {
        new RunBuilder().Succeeded().Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunMetadata>().Status.ShouldBe(RunStatus.Succeeded);
        new RunBuilder().Requested().Job(JobState.Failed).Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunMetadata>().Status.ShouldBe(RunStatus.Failed);
        new RunBuilder().Requested().Cancel().Job(JobState.Cancelled).Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunMetadata>().Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public void Decide_ResumedRunThatEndsAgain_WritesItsMetadataAnew()
    {
        var run = new RunBuilder().Requested().Job(JobState.Failed);
        var first = run.Commands.OfType<WriteRunMetadata>().Single();

        run.Resume().Job(JobState.Failed);

        run.Commands.OfType<WriteRunMetadata>().Single().CommandId.ShouldNotBe(first.CommandId);
    }

    [Fact]
    public void Decide_ResumedRunEndsAgainWithoutANewJob_WritesItsMetadataAnew()
    {
        // The builder succeeded but counting its inputs failed; the resume counts again, which fails again.
        var run = new RunBuilder().BuilderSucceeded();
        run.CommandFailed(run.LastCommand!.CommandId);
        var first = run.Commands.OfType<WriteRunMetadata>().Single();

        run.Resume().CommandFailed(run.LastCommand!.CommandId);

        var second = run.Commands.OfType<WriteRunMetadata>().Single();
        run.State.Status.ShouldBe(RunStatus.Failed);
        second.CommandId.ShouldNotBe(first.CommandId);
    }
}
