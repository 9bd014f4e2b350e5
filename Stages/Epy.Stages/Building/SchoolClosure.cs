namespace Epy.Stages.Building;

/// <summary>One closed span of schools: a break of the school calendar or a holiday.</summary>
/// <param name="Start">The first closed day.</param>
/// <param name="End">The last closed day (included).</param>
/// <param name="Name">The break or holiday, e.g. <c>Spring Break</c>.</param>
public sealed record SchoolClosure(DateOnly Start, DateOnly End, string Name);
