namespace Epy.Stages.Outputs.Hub;

/// <summary>One model task of a round: its task ids, the output types it takes, and the targets it covers.</summary>
/// <param name="TaskIds">The task ids (FluSight: reference_date, target, horizon, location, target_end_date), in file order.</param>
/// <param name="OutputTypes">The output types (quantile, pmf, sample, ...).</param>
public sealed record HubModelTask(IReadOnlyList<HubTaskId> TaskIds, IReadOnlyList<HubOutputType> OutputTypes)
{
    /// <summary>The task id called <paramref name="name"/>, or null.</summary>
    public HubTaskId? TaskId(string name) => TaskIds.FirstOrDefault(t => t.Name == name);

    /// <summary>The output type called <paramref name="name"/>, or null.</summary>
    public HubOutputType? OutputType(string name) => OutputTypes.FirstOrDefault(t => t.Name == name);

    /// <summary>A short name for messages: its <c>target</c> values, else its index.</summary>
    public string Label => TaskId("target") is { Values.Count: > 0 } target ? string.Join("/", target.Values.Select(v => $"'{v}'")) : "a model task";

    /// <summary>
    /// Whether a row's task id values (missing ones null) belong to this task: every task id this task
    /// defines has an allowed value, or is missing where the task has no values for it. Task id
    /// <paramref name="except"/> is not looked at.
    /// </summary>
    public bool Accepts(IReadOnlyDictionary<string, string?> values, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return TaskIds.All(t => t.Name == except || t.Allows(values.GetValueOrDefault(t.Name)));
    }
}
