namespace Epy.Reliability.Tests.Harness;

/// <summary>A run's scenario, what its checks found wrong (nothing, when it is right), and whether a fault was seen hitting it.</summary>
public sealed record RunOutcome(RunScenario Scenario, IReadOnlyList<string> Problems, bool MetFaults)
{
    public bool Right => Problems.Count == 0;
}
