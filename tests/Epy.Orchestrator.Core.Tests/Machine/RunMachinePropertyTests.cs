using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Core.Tests.Simulation;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>
/// Properties of the machine over runs simulated against a world that answers its commands, with
/// events delivered late, out of order and twice.
/// </summary>
public sealed class RunMachinePropertyTests
{
    private const int Iterations = 400;

    [Fact]
    public void Decide_SameEventTwiceInARow_ChangesNothingTheSecondTime()
    {
        Arbitrary.Moments.Sample(moment =>
        {
            var first = RunMachine.Decide(moment.State, moment.Event, moment.Policy, moment.Now);
            var second = RunMachine.Decide(first.State, moment.Event, moment.Policy, moment.Now.AddMinutes(1));

            second.Outcome.ShouldNotBe(Outcome.Applied, $"{second.Reason}");
            second.State.ShouldBeSameAs(first.State);
            second.Commands.ShouldBeEmpty();
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_InAFinalState_AbsorbsEveryEventButAResumeOfAFailedRun()
    {
        Arbitrary.Moments.Where(moment => moment.State.Status.IsTerminal()).Sample(moment =>
        {
            var decision = RunMachine.Decide(moment.State, moment.Event, moment.Policy, moment.Now);

            if (moment.State.Status == RunStatus.Failed && moment.Event is ResumeRequested)
            {
                decision.Outcome.ShouldBe(Outcome.Applied);
                decision.State.Status.IsTerminal().ShouldBeFalse();
                return;
            }
            decision.Outcome.ShouldNotBe(Outcome.Applied);
            decision.Reason.ShouldBeOneOf(Reason.RunFinished, Reason.CannotCancelFinished, Reason.CannotResumeUnlessStopped);
            decision.State.ShouldBeSameAs(moment.State);
            decision.Commands.ShouldBeEmpty();
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_ReportOfAnOlderJob_IsIgnoredAsStale()
    {
        var reports = Gen.Select(Gen.Int[0, 1000], Gen.Enum<JobState>(), Gen.Bool);
        Arbitrary.Moments
            .Where(moment => !moment.State.Status.IsTerminal() && moment.State.Jobs.Count >= 2)
            .Select(reports, (moment, report) =>
            {
                var older = moment.State.Jobs[report.Item1 % (moment.State.Jobs.Count - 1)].Id;
                var counts = report.Item3 ? new TaskCounts(0, 0, 1, 0) : null;
                return moment with { Event = new JobStateChanged("late", older, report.Item2, counts) };
            })
            .Sample(moment =>
            {
                var decision = RunMachine.Decide(moment.State, moment.Event, moment.Policy, moment.Now);

                decision.Outcome.ShouldBe(Outcome.Ignored);
                decision.Reason.ShouldBe(Reason.StaleJob);
                decision.State.ShouldBeSameAs(moment.State);
            }, iter: Iterations);
    }

    [Fact]
    public void Decide_AnyDeliveryOrderWithRepeats_EndsAsDeliveringInOrder()
    {
        Gen.Select(Gen.ULong, Gen.ULong, Arbitrary.Policies).Sample((worldSeed, deliverySeed, policy) =>
        {
            var inOrder = Simulator.Run(policy, new World(worldSeed, new WorldOptions()), delivery: null);
            var shuffled = Simulator.Run(policy, new World(worldSeed, new WorldOptions()), new SplitMix64(deliverySeed));

            inOrder.Final.Status.IsTerminal().ShouldBeTrue();
            Simulator.Fingerprint(shuffled.Final).ShouldBe(Simulator.Fingerprint(inOrder.Final));
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_CancelDeliveredAtAnyPoint_EndsCancelledOnceApplied()
    {
        var calm = new WorldOptions(CommandsFail: false);
        Gen.Select(Gen.ULong, Gen.ULong, Arbitrary.Policies).Sample((worldSeed, deliverySeed, policy) =>
        {
            var trace = Simulator.Run(policy, new World(worldSeed, calm), new SplitMix64(deliverySeed), new CancelRequested("cancel", "user"));

            trace.Final.Status.IsTerminal().ShouldBeTrue();
            var cancel = trace.Steps.Single(step => step.Event is CancelRequested);
            if (cancel.Decision.Outcome == Outcome.Applied)
                trace.Final.Status.ShouldBe(RunStatus.Cancelled);
            else
                cancel.Decision.Reason.ShouldBeOneOf(Reason.CannotCancelFinished);
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_EverySubmittedJob_HasItsOwnDeterministicId()
    {
        Arbitrary.Traces.Sample(traced =>
        {
            var submits = traced.Trace.Steps.SelectMany(step => step.Decision.Commands.OfType<SubmitJob>()).ToList();

            submits.Select(submit => submit.Spec.Id).ShouldBeUnique();
            traced.Trace.Final.Jobs.Select(job => job.Id).ShouldBe(submits.Select(submit => submit.Spec.Id));
            foreach (var submit in submits)
            {
                submit.CommandId.ShouldBe($"submit:{submit.Spec.Id}");
                submit.Spec.Id.Value.ShouldMatch("^stage-[abc]-[0-9]{8}-[0-9]{6}-[0-9a-f]{8}-[1-9][0-9]*$");
                submit.Spec.Id.Value.Length.ShouldBeLessThanOrEqualTo(63);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Decide_NoCommandIdIsIssuedTwiceInARun()
    {
        // The host keys its outbox and the events a command's result becomes ({id}:done, {id}:failed) by
        // the command id, and drops an event id it has processed: a command issued again under the same
        // id would have its answer dropped, and the run would wait for it until its deadline.
        Arbitrary.Traces.Sample(traced => traced.Trace.IssuedCommands.ShouldBeUnique(), iter: Iterations);
    }

    [Fact]
    public void Simulation_ReachesEveryWayARunCanGo()
    {
        // The properties above are only as good as the runs they see: make sure the world explores.
        var seen = new HashSet<string>();
        for (ulong seed = 1; seed <= 300; seed++)
        {
            var policy = RunPolicy.Default with { Tolerance = new FailureTolerance(null, 0.3) };
            var trace = Simulator.Run(policy, new World(seed, new WorldOptions()), new SplitMix64(seed));
            var run = trace.Final;
            seen.Add(run.Status.ToString());
            if (run.AutoResumesUsed > 0)
                seen.Add("auto resume");
            if (run.ManualResumes > 0)
                seen.Add("manual resume");
            if (run.Jobs.Any(job => job.AllowPartialResults))
                seen.Add("partial results");
            if (trace.Steps.Any(step => step.Event is CommandFailedPermanently && step.Decision.Outcome == Outcome.Applied))
                seen.Add("command failed");
            foreach (var step in trace.Steps.Where(step => step.Decision.Outcome != Outcome.Applied))
                seen.Add(step.Decision.Reason.ToString());
        }

        seen.ShouldBe(
            ["Succeeded", "Failed", "auto resume", "manual resume", "partial results", "command failed",
             "AlreadyApplied", "RunFinished", "StaleJob", "BackwardState", "NotExpectedNow", "StaleCount"],
            ignoreOrder: true);
    }
}
