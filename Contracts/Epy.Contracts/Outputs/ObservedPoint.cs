namespace Epy.Contracts.Outputs;

/// <summary>An observed value: the count of the week ending <paramref name="Date"/>.</summary>
/// <param name="Date">The week-ending date.</param>
/// <param name="Value">The observed count.</param>
public sealed record ObservedPoint(DateOnly Date, double Value);
