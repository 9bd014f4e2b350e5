namespace Epy.Stages.Configs;

/// <summary>The <c>flusight_format</c> output: the FluSight hub submission.</summary>
/// <param name="ReferenceDate">
/// The submission's reference date (a Saturday, a round of the hub's tasks.json); null: the round after the
/// last observation of <see cref="RateTrends"/> (<c>ReferenceDates.After</c>), resolved by the output stage.
/// </param>
/// <param name="RateTrends">The rate-trend targets' observations; null to skip those targets.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record FlusightFormatConfig(Located<DateOnly>? ReferenceDate, RateTrendsConfig? RateTrends, SourceSpan Span)
{
    /// <summary><c>quantiles</c>: the levels the team expects; the output stage refuses a list other than the round's levels. Null when not written.</summary>
    public Located<IReadOnlyList<double>>? Quantiles { get; init; }

    /// <summary>
    /// <c>hub_config</c> (extension): the hub's <c>hub-config/</c> folder, relative to the forecast repository, without
    /// <c>..</c>; null: <c>HUB_CONFIG_DIR</c>, else the FluSight config shipped with the program.
    /// </summary>
    public Located<string>? HubConfig { get; init; }

    /// <summary><c>team_abbr</c> (extension): the hubverse team abbreviation; given with <see cref="ModelAbbr"/> or not at all.</summary>
    public Located<string>? TeamAbbr { get; init; }

    /// <summary><c>model_abbr</c> (extension): the hubverse model abbreviation; given with <see cref="TeamAbbr"/> or not at all.</summary>
    public Located<string>? ModelAbbr { get; init; }

    /// <summary><c>samples</c> (extension): write the <c>sample</c> output type for every target of the round that takes one; null: false.</summary>
    public Located<bool>? Samples { get; init; }

    /// <summary>Whether <c>samples: true</c> was written.</summary>
    public bool WritesSamples => Samples?.Value == true;

    /// <summary>The hub's model id, <c>{team_abbr}-{model_abbr}</c>; null unless both are given.</summary>
    public string? ModelId => TeamAbbr is { } team && ModelAbbr is { } model ? $"{team.Value}-{model.Value}" : null;
}
