namespace Epy.Stages.Configs;

/// <summary>
/// An aggregation experiment: <c>{forecast_repo}/experiments/{exp_id}/config/</c> holding one
/// <c>aggregation</c> config and the output config it names, and no basemodel or modelset.
/// </summary>
/// <param name="ExpId">The experiment id.</param>
/// <param name="ConfigFolder">The folder the files were read from.</param>
/// <param name="Aggregation">The aggregation config.</param>
/// <param name="Output">The output config <c>output_config</c> names.</param>
/// <param name="Files">The two files used, in file-name order, with their digests.</param>
public sealed record AggregationExperiment(
    string ExpId,
    string ConfigFolder,
    AggregationConfig Aggregation,
    OutputConfig Output,
    IReadOnlyList<ExperimentConfigFile> Files);
