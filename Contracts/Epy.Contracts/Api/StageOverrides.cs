namespace Epy.Contracts.Api;

/// <summary>Resource overrides of one stage; null fields keep the defaults.</summary>
/// <param name="CpuMilli">CPU in thousandths of a vCPU.</param>
/// <param name="MemoryMib">Memory in MiB.</param>
/// <param name="MachineType">A Compute Engine machine type.</param>
/// <param name="MaxRunDurationSeconds">How long one task may run, in seconds.</param>
public sealed record StageOverrides(int? CpuMilli = null, int? MemoryMib = null, string? MachineType = null, long? MaxRunDurationSeconds = null);
