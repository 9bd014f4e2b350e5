namespace Epy.Stages.Outputs.Hub;

/// <summary>One output type of a model task.</summary>
/// <param name="Name"><c>quantile</c>, <c>pmf</c>, <c>cdf</c>, <c>mean</c>, <c>median</c> or <c>sample</c>.</param>
/// <param name="RequiredIds">The output_type_id values each submitted task must give (quantile levels, pmf categories); empty for a sample.</param>
/// <param name="OptionalIds">Further output_type_id values allowed (older schemas).</param>
/// <param name="NumericIds">The ids are numbers in tasks.json (quantile levels): compared as numbers.</param>
/// <param name="IsRequired"><c>is_required</c>: every required task of the model task must give this output type.</param>
/// <param name="Value">The type and bounds of the value column.</param>
/// <param name="Sample">The sample id rules, for a <c>sample</c> output type.</param>
public sealed record HubOutputType(
    string Name,
    IReadOnlyList<string> RequiredIds,
    IReadOnlyList<string> OptionalIds,
    bool NumericIds,
    bool IsRequired,
    HubTaskValueRule Value,
    HubTaskSampleRule? Sample)
{
    /// <summary>Whether <paramref name="id"/> is an allowed output_type_id (a sample id: see <see cref="HubTaskSampleRule"/>).</summary>
    public bool Allows(string id) => Sample is not null || RequiredIds.Concat(OptionalIds).Any(v => HubTaskValues.Same(v, id, NumericIds));
}
