namespace Epy.Stages.Tests.Pipeline;

/// <summary>Tests that measure the process's managed heap: run alone, so no other test's allocations are counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialMemoryTests
{
    public const string Name = "serial memory";
}
