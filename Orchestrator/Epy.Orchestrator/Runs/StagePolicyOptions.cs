using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Runs;

/// <summary>One stage's default resources in <see cref="PolicyOptions"/>; what is left out keeps the built-in default.</summary>
public sealed class StagePolicyOptions
{
    /// <summary>CPU in thousandths of a vCPU (2000 = 2 vCPUs).</summary>
    public int? CpuMilli { get; set; }

    /// <summary>Memory in MiB.</summary>
    public int? MemoryMib { get; set; }

    /// <summary>A Compute Engine machine type such as <c>c4d-highcpu-8</c>.</summary>
    public string? MachineType { get; set; }

    /// <summary>How long one task may run, in seconds.</summary>
    public int? MaxRunDurationSeconds { get; set; }

    /// <summary><paramref name="defaults"/> with these settings applied.</summary>
    public StageResources Apply(StageResources defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new StageResources(
            CpuMilli ?? defaults.CpuMilli,
            MemoryMib ?? defaults.MemoryMib,
            string.IsNullOrEmpty(MachineType) ? defaults.MachineType : MachineType,
            MaxRunDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.MaxRunDuration);
    }
}
