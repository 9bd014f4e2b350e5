namespace Epy.Orchestrator.Core.Policy;

/// <summary>What one task of a stage gets.</summary>
/// <param name="CpuMilli">CPU in thousandths of a vCPU (2000 = 2 vCPUs), 250 to 224,000.</param>
/// <param name="MemoryMib">Memory in MiB, 256 to 1,048,576.</param>
/// <param name="MachineType">A Compute Engine machine type such as <c>n2-highcpu-8</c>, or null to let Batch choose.</param>
/// <param name="MaxRunDuration">How long one task may run before Batch stops it.</param>
public sealed record StageResources(int CpuMilli, int MemoryMib, string? MachineType, TimeSpan MaxRunDuration)
{
    /// <summary>
    /// How long the stage's job may wait in Batch's queue (QUEUED or SCHEDULED: no quota, no capacity, no Spot VM)
    /// before it is cancelled and the run fails saying so; null for no limit (the run's deadline still applies).
    /// </summary>
    /// <remarks>Not a constructor parameter, so policies stored before it existed read as <see cref="DefaultQueueTimeout"/>.</remarks>
    public TimeSpan? QueueTimeout { get; init; } = DefaultQueueTimeout;

    /// <summary>The queue timeout of a stage that sets none: six hours.</summary>
    public static TimeSpan DefaultQueueTimeout { get; } = TimeSpan.FromHours(6);

    /// <summary>The builder's defaults: 2 vCPUs, 8 GiB, one hour, two hours in the queue.</summary>
    public static StageResources BuilderDefault { get; } = new(2000, 8192, null, TimeSpan.FromHours(1)) { QueueTimeout = TimeSpan.FromHours(2) };

    /// <summary>The runner's defaults: 2 vCPUs, 4 GiB, 12 hours, six hours in the queue.</summary>
    public static StageResources RunnerDefault { get; } = new(2000, 4096, null, TimeSpan.FromHours(12));

    /// <summary>The output stage's defaults: 4 vCPUs, 16 GiB, two hours, two hours in the queue.</summary>
    public static StageResources OutputDefault { get; } = new(4000, 16384, null, TimeSpan.FromHours(2)) { QueueTimeout = TimeSpan.FromHours(2) };

    /// <summary>The problems with these resources, each naming <paramref name="field"/>'s member.</summary>
    public IEnumerable<FieldProblem> Problems(string field)
    {
        if (CpuMilli is < 250 or > 224_000)
            yield return new($"{field}.cpu_milli", $"must be between 250 and 224000, not {CpuMilli}");
        if (MemoryMib is < 256 or > 1_048_576)
            yield return new($"{field}.memory_mib", $"must be between 256 and 1048576, not {MemoryMib}");
        if (!IsMaxRunDuration(MaxRunDuration))
            yield return new($"{field}.{MaxRunDurationField}", $"{MaxRunDurationRule}, not {MaxRunDuration}");
        if (QueueTimeout is { } queue && !IsQueueTimeout(queue))
            yield return new($"{field}.{QueueTimeoutField}", $"{QueueTimeoutRule}, not {queue}");
        if (MachineType is { } type && (type.Length is 0 or > 63 || !type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            yield return new($"{field}.machine_type", $"'{type}' is not a machine type (lowercase letters, digits and '-')");
    }

    /// <summary>The API's name for <see cref="QueueTimeout"/> within a stage.</summary>
    public const string QueueTimeoutField = "queue_timeout";

    /// <summary>What a queue timeout must be, as problems say it.</summary>
    public const string QueueTimeoutRule = "must be positive and at most 14 days";

    /// <summary>True when <paramref name="timeout"/> may be a stage's queue timeout.</summary>
    public static bool IsQueueTimeout(TimeSpan timeout) => timeout > TimeSpan.Zero && timeout <= MaxRunDurationLimit;

    /// <summary>The API's name for <see cref="MaxRunDuration"/> within a stage.</summary>
    public const string MaxRunDurationField = "max_run_duration";

    /// <summary>What a task's longest run must be, as problems say it.</summary>
    public const string MaxRunDurationRule = "must be positive and at most 14 days";

    /// <summary>The longest a task may be allowed to run.</summary>
    public static TimeSpan MaxRunDurationLimit { get; } = TimeSpan.FromDays(14);

    /// <summary>True when <paramref name="duration"/> may be a task's longest run.</summary>
    public static bool IsMaxRunDuration(TimeSpan duration) => duration > TimeSpan.Zero && duration <= MaxRunDurationLimit;
}
