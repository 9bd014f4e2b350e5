namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// One task id of a model task: the values a submission must give (<see cref="Required"/>) and may
/// give (<see cref="Optional"/>). With neither, the column is missing (<c>NA</c>) for this task
/// (FluSight's peak targets have no horizon or target_end_date).
/// </summary>
/// <param name="Name">The column, e.g. <c>location</c>.</param>
/// <param name="Required">Values that must be present.</param>
/// <param name="Optional">Values that may be present.</param>
/// <param name="Numeric">The values are numbers in tasks.json (horizon): compared as numbers, so <c>1</c> and <c>1.0</c> match.</param>
public sealed record HubTaskId(string Name, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, bool Numeric)
{
    /// <summary>Required then optional values.</summary>
    public IReadOnlyList<string> Values => [.. Required, .. Optional];

    /// <summary>Whether the task has no value for this id (the column must be missing).</summary>
    public bool IsUnused => Required.Count == 0 && Optional.Count == 0;

    /// <summary>Whether <paramref name="value"/> (null: missing) is allowed.</summary>
    public bool Allows(string? value) => value is null ? IsUnused : Values.Any(v => Same(v, value));

    /// <summary>Whether the submitted <paramref name="value"/> is the configured <paramref name="configured"/>.</summary>
    public bool Same(string configured, string value) => HubTaskValues.Same(configured, value, Numeric);
}
