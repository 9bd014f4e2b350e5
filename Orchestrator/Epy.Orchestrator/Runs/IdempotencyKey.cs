using System.Globalization;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// What makes a run-creating request happen once: a client's <c>Idempotency-Key</c>, a Cloud Scheduler
/// tick or a local schedule's tick, each in its own namespace (the <see cref="Value"/>'s prefix), so a
/// client's key can never name, claim or block a scheduled run.
/// </summary>
public sealed record IdempotencyKey
{
    /// <summary>The longest key a client may send, in characters.</summary>
    public const int MaxClientKeyLength = 500;

    /// <summary>
    /// When Cloud Scheduler's call lacks its schedule time, ticks of one job within this span are one
    /// tick (Scheduler's finest schedule is a minute).
    /// </summary>
    public static readonly TimeSpan SchedulerFallbackBucket = TimeSpan.FromMinutes(1);

    private IdempotencyKey(string value, bool tooLong)
    {
        Value = value;
        TooLong = tooLong;
    }

    /// <summary>The key as the run store keeps it: namespace, colon, the key within it.</summary>
    public string Value { get; }

    /// <summary>True when a client's key is longer than <see cref="MaxClientKeyLength"/>.</summary>
    public bool TooLong { get; }

    /// <summary>A client's <c>Idempotency-Key</c> header.</summary>
    public static IdempotencyKey FromClient(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new($"client:{key}", key.Length > MaxClientKeyLength);
    }

    /// <summary>
    /// A Cloud Scheduler call: its job's name and its <c>X-CloudScheduler-ScheduleTime</c>, or, when that
    /// header is missing, the start of the <see cref="SchedulerFallbackBucket"/> that holds <paramref name="now"/>.
    /// </summary>
    public static IdempotencyKey FromCloudScheduler(string job, string? scheduleTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var time = string.IsNullOrEmpty(scheduleTime) ? Format(Floor(now.ToUniversalTime(), SchedulerFallbackBucket)) : scheduleTime;
        return new($"scheduler:{job}:{time}", tooLong: false);
    }

    /// <summary>A tick of a local schedule (<c>epycloud serve --local</c>).</summary>
    public static IdempotencyKey FromLocalSchedule(string name, DateTimeOffset tick)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new($"schedule:{name}:{Format(tick.ToUniversalTime())}", tooLong: false);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan bucket) => new(time.UtcTicks - time.UtcTicks % bucket.Ticks, TimeSpan.Zero);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
