using Epy.Contracts.Api;

namespace Epy.Cli;

/// <summary>A recurring forecast: every time <see cref="Cron"/> fires in <see cref="TimeZone"/>, a run of the experiment starts.</summary>
/// <param name="Name">Its name (part of each run's idempotency key).</param>
/// <param name="Cron">A five-field cron expression (minute hour day month weekday).</param>
/// <param name="TimeZone">The IANA time zone the expression is read in.</param>
/// <param name="Request">The run request (exp_id and overrides).</param>
public sealed record ScheduleEntry(string Name, Cronos.CronExpression Cron, TimeZoneInfo TimeZone, StartRunRequest Request);
