using Epy.Engine.Calibration;

namespace Epy.Stages.Building;

/// <summary>Everything one location's calibration task runs: the setup, the ABC options, the seed and the projection.</summary>
/// <param name="Model">The location's model.</param>
/// <param name="Setup">The calibration setup (model, population, priors, observations, comparison, distance).</param>
/// <param name="DistanceModel">The simulate-and-measure function of <paramref name="Setup"/>, checked once at build time.</param>
/// <param name="Options">The ABC strategy and its options.</param>
/// <param name="Seed">The seed of every random stream (the basemodel's <c>random_seed</c>, 0 when not written).</param>
/// <param name="ProjectionCount">How many trajectories to project from the posterior; 0 without a <c>projection</c> section (nothing is projected).</param>
/// <param name="ProjectionGeneration">The generation projected from (<c>projection.generation_number</c>); null for the last one kept.</param>
public sealed record CalibrationPlan(LocationModel Model, EpidemicCalibrationSetup Setup, EpidemicDistanceModel DistanceModel, AbcOptions Options, ulong Seed,
    int ProjectionCount, int? ProjectionGeneration = null);
