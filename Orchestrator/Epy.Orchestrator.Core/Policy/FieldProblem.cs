namespace Epy.Orchestrator.Core.Policy;

/// <summary>What is wrong with one field of a run's policy or request.</summary>
/// <param name="Field">The field as the API names it: <c>max_parallelism</c>, <c>stage_b.cpu_milli</c>, <c>failure_tolerance.max_failed_fraction</c>.</param>
/// <param name="Message">What is wrong, without the field's name: <c>must be between 1 and 5000, not 0</c>.</param>
public sealed record FieldProblem(string Field, string Message)
{
    /// <summary>The field and the message as one sentence, as API error bodies show it.</summary>
    public override string ToString() => $"{Field} {Message}";
}
