using Epy.Engine.Simulation;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// What <c>model.simulation</c> asks of every simulated model (a sample row or the basemodel alone):
/// how many stochastic runs, and how their daily outputs are binned. epymodelingsuite's defaults
/// apply to what is not written: 10 runs, and no resampling (daily outputs).
/// </summary>
/// <param name="NSims">Stochastic simulations per model (≥ 1).</param>
/// <param name="Frequency">The bins of the outputs.</param>
public sealed record SimulationSettings(int NSims, ResampleFrequency Frequency)
{
    /// <summary>epymodelingsuite's <c>n_sims</c> default.</summary>
    public const int DefaultNSims = 10;

    /// <summary>The settings <paramref name="config"/> writes, with the defaults for what it does not (or for no section at all).</summary>
    public static SimulationSettings Of(SimulationConfig? config) =>
        new(config?.NSims?.Value ?? DefaultNSims, WrittenFrequency(config) ?? ResampleFrequency.Daily);

    /// <summary>The written <c>resample_frequency</c>, or null when it is not written.</summary>
    /// <exception cref="ArgumentException">The rule is not one the config reader accepts.</exception>
    public static ResampleFrequency? WrittenFrequency(SimulationConfig? config)
    {
        if (config?.ResampleFrequency is not { } rule)
            return null;
        return ResampleFrequency.TryParse(rule.Value, out var frequency)
            ? frequency
            : throw new ArgumentException($"resample frequency '{rule.Value}' passed the config reader", nameof(config));
    }
}
