using System.Text.Json;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>
/// What an ABC calibration produced: the completed generations (the last one is the posterior
/// sample) and why it stopped. Serializes to compact snake_case JSON with <see cref="ToJson"/>.
/// </summary>
/// <param name="Strategy">The algorithm that ran.</param>
/// <param name="Quantities">The calibrated quantities' names, in θ order.</param>
/// <param name="Targets">What each quantity sets, in θ order.</param>
/// <param name="StopReason">Why the calibration stopped.</param>
/// <param name="Generations">The completed generations, in order; may be empty if a budget ran out in the first.</param>
public sealed record CalibrationResult(
    AbcStrategy Strategy,
    string[] Quantities,
    SampleTarget[] Targets,
    CalibrationStopReason StopReason,
    CalibrationGeneration[] Generations)
{
    /// <summary>
    /// Draws <paramref name="count"/> particle indices, with replacement and in proportion to weight,
    /// from generation <paramref name="generation"/> (default: the last). The same seed gives the same
    /// indices on every machine.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generation holds no particles.</exception>
    public int[] DrawIndices(int count, ulong seed, int? generation = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Generations.Length == 0)
            throw new InvalidOperationException("the calibration completed no generation to draw from");
        var chosen = Generations[generation ?? Generations.Length - 1];
        if (chosen.Count == 0)
            throw new InvalidOperationException($"generation {chosen.Index} holds no particles");

        var picker = new WeightedIndex(chosen.Weights);
        var rng = new Xoshiro256(seed);
        var indices = new int[count];
        for (var k = 0; k < count; k++)
            indices[k] = picker.Pick(rng);
        return indices;
    }

    /// <summary>Compact JSON with snake_case names; non-finite numbers as <c>"Infinity"</c> and the like.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CalibrationJsonContext.Default.CalibrationResult);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="JsonException">The JSON is malformed, misses a field, or its arrays disagree in length.</exception>
    public static CalibrationResult FromJson(string json)
    {
        var result = JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.CalibrationResult)
            ?? throw new JsonException("a calibration result cannot be null");
        result.CheckShape();
        return result;
    }

    private void CheckShape()
    {
        if (Targets.Length != Quantities.Length)
            throw new JsonException($"{Quantities.Length} quantities but {Targets.Length} targets");
        foreach (var generation in Generations)
        {
            if (generation.Distances.Length != generation.Count
                || generation.Particles.Length != generation.Count * Quantities.Length)
            {
                throw new JsonException($"generation {generation.Index}: particles, weights and distances disagree in length");
            }
        }
    }
}
