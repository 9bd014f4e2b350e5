namespace Epy.Stages.Configs;

/// <summary>A basemodel configuration: the file whose top-level key is <c>model</c>.</summary>
/// <param name="Meta">The free-form <c>meta</c> section; null when not written.</param>
/// <param name="Name">The model's name; null when not written.</param>
/// <param name="RandomSeed">The seed of every random stream (≥ 0); null when not written.</param>
/// <param name="Timespan">When the simulation runs.</param>
/// <param name="Simulation">Simulation options; null when not written.</param>
/// <param name="Population">The age groups (and possibly the location).</param>
/// <param name="Compartments">The compartments, in order.</param>
/// <param name="Transitions">The transitions, in order.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="Vaccination">The vaccination scenario; null when not written.</param>
/// <param name="Seasonality">The seasonal multiplier; null when not written.</param>
/// <param name="Interventions">The interventions, in order.</param>
/// <param name="Span">Where the <c>model</c> section starts.</param>
public sealed record BasemodelConfig(
    ConfigMeta? Meta,
    Located<string>? Name,
    Located<long>? RandomSeed,
    TimespanConfig Timespan,
    SimulationConfig? Simulation,
    PopulationConfig Population,
    IReadOnlyList<CompartmentConfig> Compartments,
    IReadOnlyList<TransitionConfig> Transitions,
    IReadOnlyList<ParameterConfig> Parameters,
    VaccinationConfig? Vaccination,
    SeasonalityConfig? Seasonality,
    IReadOnlyList<InterventionConfig> Interventions,
    SourceSpan Span);
