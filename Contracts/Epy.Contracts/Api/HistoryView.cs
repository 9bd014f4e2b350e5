namespace Epy.Contracts.Api;

/// <summary>One line of a run's history.</summary>
/// <param name="At">When.</param>
/// <param name="State">The run's state after it.</param>
/// <param name="What">What happened.</param>
public sealed record HistoryView(DateTimeOffset At, string State, string What);
