using System.Text.Json.Serialization;

namespace Epy.Engine.Calibration;

/// <summary>
/// One completed generation of a calibration (rejection and top fraction have exactly one). Record
/// equality compares the arrays by reference; compare their contents to compare generations.
/// </summary>
/// <param name="Index">The generation's number, from 0.</param>
/// <param name="Epsilon">
/// Its acceptance threshold: kept distances are below it (SMC generation 0 and top fraction: at most
/// it). +∞ for an SMC generation 0 without a schedule; for top fraction, the largest kept distance.
/// </param>
/// <param name="Particles">
/// The accepted θ, particle by particle: value <c>q</c> of particle <c>i</c> is at <c>i·d + q</c>,
/// where <c>d</c> is the number of calibrated quantities.
/// </param>
/// <param name="Weights">The particles' importance weights, summing to 1.</param>
/// <param name="Distances">The particles' distances from the observations.</param>
/// <param name="Simulations">Simulations run for this generation (proposals outside the prior support are not simulated).</param>
/// <param name="PriorRejections">SMC proposals outside the prior support, discarded without simulating.</param>
/// <param name="AcceptanceRate">Accepted particles per simulation (0 when nothing was simulated).</param>
/// <param name="WallTimeSeconds">Wall time the generation took, in seconds, as measured by the run's <see cref="TimeProvider"/>.</param>
public sealed record CalibrationGeneration(
    int Index,
    double Epsilon,
    double[] Particles,
    double[] Weights,
    double[] Distances,
    long Simulations,
    long PriorRejections,
    double AcceptanceRate,
    double WallTimeSeconds)
{
    /// <summary>How many particles the generation holds.</summary>
    [JsonIgnore]
    public int Count => Weights.Length;

    /// <summary>The θ of particle <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Particle(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var width = Particles.Length / Count;
        return Particles.AsSpan(index * width, width);
    }

    /// <summary>The values of quantity <paramref name="quantity"/> over all particles, in particle order.</summary>
    public double[] Column(int quantity)
    {
        if (Count == 0)
            return [];
        var width = Particles.Length / Count;
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(quantity, width);
        var column = new double[Count];
        for (var i = 0; i < column.Length; i++)
            column[i] = Particles[i * width + quantity];
        return column;
    }
}
