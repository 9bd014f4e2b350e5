namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// The sample output type's <c>output_type_id_params</c>: sample ids are labels of joint draws; the
/// rows of one sample id share the values of the compound task ids (one location, one target, one
/// round) and span the other task ids (the horizons).
/// </summary>
/// <param name="IdType"><c>character</c> or <c>integer</c>.</param>
/// <param name="MaxLength">The longest allowed id, if any.</param>
/// <param name="MinSamplesPerTask">The fewest samples per compound task.</param>
/// <param name="MaxSamplesPerTask">The most samples per compound task.</param>
/// <param name="CompoundTaskIdSet">The task ids a sample keeps fixed; empty: all (one task per sample).</param>
public sealed record HubTaskSampleRule(string IdType, int? MaxLength, int MinSamplesPerTask, int MaxSamplesPerTask, IReadOnlyList<string> CompoundTaskIdSet);
