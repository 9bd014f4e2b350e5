namespace Epy.Orchestrator.Tests.Load;

/// <summary>Tests that measure the heap run alone: another test's allocations would blur it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundGroup
{
    public const string Name = "memory bound";
}
