namespace Epy.Stages.Configs;

/// <summary>What a configuration file holds, told by its top-level key.</summary>
public enum ConfigKind
{
    /// <summary><c>model</c>: a basemodel.</summary>
    Basemodel,

    /// <summary><c>modelset</c> with <c>sampling</c>.</summary>
    SamplingModelset,

    /// <summary><c>modelset</c> with <c>calibration</c>.</summary>
    CalibrationModelset,

    /// <summary><c>output</c>.</summary>
    Output,

    /// <summary><c>aggregation</c>: the sources' results combined (see <see cref="AggregationConfig"/>).</summary>
    Aggregation,
}
