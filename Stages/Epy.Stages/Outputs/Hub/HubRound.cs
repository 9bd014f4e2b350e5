namespace Epy.Stages.Outputs.Hub;

/// <summary>One round of <c>tasks.json</c>.</summary>
/// <param name="RoundIdFromVariable">
/// <c>round_id_from_variable</c>: the round id is the value of the task id <see cref="RoundId"/>
/// (FluSight: <c>reference_date</c>), so one round entry stands for many rounds.
/// </param>
/// <param name="RoundId">The task id naming the round, or the round id itself when not from a variable.</param>
/// <param name="ModelTasks">The round's model tasks.</param>
public sealed record HubRound(bool RoundIdFromVariable, string RoundId, IReadOnlyList<HubModelTask> ModelTasks)
{
    /// <summary>The round ids this entry accepts: the values of task id <see cref="RoundId"/> across its model tasks, or <see cref="RoundId"/> itself.</summary>
    public IReadOnlyList<string> RoundIds =>
        RoundIdFromVariable
            ? ModelTasks.SelectMany(t => t.TaskId(RoundId)?.Values ?? []).Distinct(StringComparer.Ordinal).ToList()
            : [RoundId];

    /// <summary>Every task id name used by a model task, in first-seen order.</summary>
    public IReadOnlyList<string> TaskIdNames => ModelTasks.SelectMany(t => t.TaskIds.Select(i => i.Name)).Distinct(StringComparer.Ordinal).ToList();
}
