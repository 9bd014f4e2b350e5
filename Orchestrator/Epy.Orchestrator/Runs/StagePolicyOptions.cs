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

    /// <summary>How long the stage's job may wait in Batch's queue before the run fails, in seconds; 0: no limit.</summary>
    public int? QueueTimeoutSeconds { get; set; }

    /// <summary><paramref name="defaults"/> with these settings applied.</summary>
    public StageResources Apply(StageResources defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults with
        {
            CpuMilli = CpuMilli ?? defaults.CpuMilli,
            MemoryMib = MemoryMib ?? defaults.MemoryMib,
            MachineType = string.IsNullOrEmpty(MachineType) ? defaults.MachineType : MachineType,
            MaxRunDuration = MaxRunDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.MaxRunDuration,
            QueueTimeout = QueueTimeoutSeconds switch
            {
                null => defaults.QueueTimeout,
                0 => null,
                var queue => TimeSpan.FromSeconds(queue.Value),
            },
        };
    }
}
