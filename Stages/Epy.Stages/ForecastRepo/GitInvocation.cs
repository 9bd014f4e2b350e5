namespace Epy.Stages.ForecastRepo;

/// <summary>One run of the git executable: what it is for, its arguments and the environment it changes.</summary>
/// <param name="Name">The subcommand, for messages: <c>git fetch</c>.</param>
/// <param name="Arguments">The arguments, each passed as one argv entry (no shell).</param>
/// <param name="Environment">Variables set in the child (null: removed); the rest is inherited.</param>
public sealed record GitInvocation(string Name, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment);
