namespace Epy.Stages.Configs;

/// <summary>One configuration file read: its kind and exactly one of the four configs.</summary>
/// <param name="File">The path of the file.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Basemodel">The basemodel, for <see cref="ConfigKind.Basemodel"/>.</param>
/// <param name="Modelset">The modelset, for the two modelset kinds.</param>
/// <param name="Output">The output config, for <see cref="ConfigKind.Output"/>.</param>
/// <param name="Aggregation">The aggregation config, for <see cref="ConfigKind.Aggregation"/>.</param>
public sealed record ConfigDocument(string File, ConfigKind Kind, BasemodelConfig? Basemodel, ModelsetConfig? Modelset, OutputConfig? Output,
    AggregationConfig? Aggregation = null);
