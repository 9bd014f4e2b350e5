namespace Epy.Engine.Simulation;

/// <summary>The parts of a simulation step a <see cref="PhaseClock"/> tells apart.</summary>
internal enum SimulationPhase
{
    /// <summary>Force of infection and the exit and split probabilities of the step.</summary>
    Rates,

    /// <summary>The exact binomial draws (<see cref="Randomness.BinomialBatch.Draw(double[], double[], double[], double[], double[], int)"/>).</summary>
    Draws,

    /// <summary>Gathering each draw's n, moving people between compartments, recording flows.</summary>
    Bookkeeping,

    /// <summary>Copying the step's state and flows into the output.</summary>
    Output,
}
