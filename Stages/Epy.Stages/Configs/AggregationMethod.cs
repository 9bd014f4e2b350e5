namespace Epy.Stages.Configs;

/// <summary>How an aggregation combines its sources' trajectories (<c>aggregation.method</c>).</summary>
public enum AggregationMethod
{
    /// <summary><c>sum</c>: paired trajectories added, location by location and week by week.</summary>
    Sum,

    /// <summary><c>weighted_sum</c>: paired trajectories added, each source's multiplied by its <c>weight</c>.</summary>
    WeightedSum,

    /// <summary><c>bootstrap</c>: refused (epymodelingsuite declares it but does not implement it).</summary>
    Bootstrap,

    /// <summary><c>correlated</c>: refused (epymodelingsuite declares it but does not implement it).</summary>
    Correlated,
}
