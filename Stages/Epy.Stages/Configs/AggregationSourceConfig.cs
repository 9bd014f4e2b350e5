namespace Epy.Stages.Configs;

/// <summary>One entry of <c>aggregation.sources</c>: an experiment whose run's results are aggregated.</summary>
/// <param name="ExpId">The source experiment's id.</param>
/// <param name="RunId">Its run: a run id, or <c>latest</c> (the default) for its newest successful run.</param>
/// <param name="Weight">Its weight in a <c>weighted_sum</c> (default 1.0).</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record AggregationSourceConfig(Located<string> ExpId, Located<string> RunId, Located<double> Weight, SourceSpan Span)
{
    /// <summary>The <c>run_id</c> that asks for the newest successful run.</summary>
    public const string Latest = "latest";

    /// <summary>True when <see cref="RunId"/> is <see cref="Latest"/>.</summary>
    public bool WantsLatest => RunId.Value == Latest;
}
