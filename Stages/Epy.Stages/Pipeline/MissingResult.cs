namespace Epy.Stages.Pipeline;

/// <summary>A task whose result Stage C could not use.</summary>
/// <param name="Index">The task index.</param>
/// <param name="Reason">Why: missing, or unreadable and how.</param>
public sealed record MissingResult(int Index, string Reason);
