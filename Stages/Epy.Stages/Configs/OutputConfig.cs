namespace Epy.Stages.Configs;

/// <summary>An output configuration: the file whose top-level key is <c>output</c>.</summary>
/// <param name="Meta">The free-form <c>meta</c> section; null when not written.</param>
/// <param name="Quantiles">The quantile tables; null when not written.</param>
/// <param name="Trajectories">The trajectory tables; null when not written.</param>
/// <param name="Posteriors">The posterior tables; null when not written.</param>
/// <param name="FlusightFormat">The hub submission; null when not written.</param>
/// <param name="ModelMeta">Extra model metadata; null when not written.</param>
/// <param name="Span">Where the <c>output</c> section starts.</param>
public sealed record OutputConfig(
    ConfigMeta? Meta,
    OutputSeriesConfig? Quantiles,
    OutputSeriesConfig? Trajectories,
    PosteriorsConfig? Posteriors,
    FlusightFormatConfig? FlusightFormat,
    ModelMetaConfig? ModelMeta,
    SourceSpan Span)
{
    /// <summary>The formats every table is written in (<c>tabular_output_types</c>); gzip CSV when not written.</summary>
    public IReadOnlyList<TabularOutputType> TabularOutputTypes { get; init; } = [TabularOutputType.CsvGz];

    /// <summary>The named observed series (<c>options.surveillance</c>) plots draw; empty when not written.</summary>
    public IReadOnlyList<SurveillanceSourceConfig> Surveillance { get; init; } = [];

    /// <summary>The figures (<c>plots</c>); null when not written.</summary>
    public PlotsConfig? Plots { get; init; }
}
