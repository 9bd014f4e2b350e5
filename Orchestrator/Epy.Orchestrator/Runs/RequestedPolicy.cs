using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Runs;

/// <summary>The policy a run request asks for, and what is wrong with it (the run is refused unless it is empty).</summary>
/// <param name="Policy">The defaults with the request's overrides; a value refused while parsing keeps the default.</param>
/// <param name="Problems">Values refused while parsing the request, then the policy's own problems.</param>
public sealed record RequestedPolicy(RunPolicy Policy, IReadOnlyList<FieldProblem> Problems);
