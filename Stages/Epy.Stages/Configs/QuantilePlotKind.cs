namespace Epy.Stages.Configs;

/// <summary>A quantile plot variant (<c>plots.quantiles.outputs[].type</c>).</summary>
public enum QuantilePlotKind
{
    /// <summary><c>filtered</c>: the projection from the first surveillance point shown, to the horizon.</summary>
    Filtered,

    /// <summary><c>full</c>: the whole projection to the horizon, with all surveillance.</summary>
    Full,

    /// <summary><c>side_by_side</c>: a full and a filtered panel per location.</summary>
    SideBySide,
}
