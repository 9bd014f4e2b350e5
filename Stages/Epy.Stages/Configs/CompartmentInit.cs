namespace Epy.Stages.Configs;

/// <summary>A compartment's initial content.</summary>
/// <param name="Kind">How it is set.</param>
/// <param name="Value">The count or proportion for <see cref="CompartmentInitKind.Count"/> and <see cref="CompartmentInitKind.Proportion"/>.</param>
/// <param name="PerAgeGroup">The values per age group for <see cref="CompartmentInitKind.PerAgeGroup"/>; empty otherwise.</param>
/// <param name="Span">Where the value is written (the compartment's start when not written).</param>
public sealed record CompartmentInit(CompartmentInitKind Kind, double? Value, IReadOnlyList<Located<double>> PerAgeGroup, SourceSpan Span);
