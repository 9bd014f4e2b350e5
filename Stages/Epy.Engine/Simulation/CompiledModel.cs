using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Randomness;

namespace Epy.Engine.Simulation;

/// <summary>
/// A model made ready to simulate on one population, time grid and initial state: names resolved
/// to indices, every rate expanded to a (step × age group) table, contacts summed per date.
/// Immutable and shareable across threads; each thread simulates with its own <see cref="Simulator"/>.
/// </summary>
public sealed partial class CompiledModel
{
    private CompiledModel(
        OutputLayout layout,
        TimeGrid grid,
        SimulationOptions options,
        int[] initial,
        double[] inverseSizes,
        double[] contactMatrices,
        int[] matrixOfStep,
        int[] mediators,
        SourceBlock[] sources,
        Channel[] channels,
        double eigenvalue)
    {
        Layout = layout;
        Grid = grid;
        Options = options;
        Initial = initial;
        InverseSizes = inverseSizes;
        ContactMatrices = contactMatrices;
        MatrixOfStep = matrixOfStep;
        Mediators = mediators;
        Sources = sources;
        Channels = channels;
        Eigenvalue = eigenvalue;
    }

    /// <summary>The names of compartments, flows and age groups, and how outputs are laid out.</summary>
    public OutputLayout Layout { get; }

    /// <summary>The time steps.</summary>
    public TimeGrid Grid { get; }

    /// <summary>The step options.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The spectral radius of the population's overall (unscaled) contact matrix.</summary>
    public double Eigenvalue { get; }

    internal int[] Initial { get; }

    internal double[] InverseSizes { get; }

    /// <summary>Distinct contact matrices (A×A each, row-major), one per combination of interventions.</summary>
    internal double[] ContactMatrices { get; }

    internal int[] MatrixOfStep { get; }

    /// <summary>Compartments that mediate a transition; their force of infection is computed once a step.</summary>
    internal int[] Mediators { get; }

    internal SourceBlock[] Sources { get; }

    internal Channel[] Channels { get; }

    /// <summary>
    /// A compartment with outgoing transitions and its channels [First, First + Count). When every
    /// channel is spontaneous, <paramref name="Fixed"/> holds its exit and split probabilities for
    /// every (step, age group), prepared once instead of at every draw.
    /// </summary>
    internal sealed record SourceBlock(int Compartment, int FirstChannel, int ChannelCount, FixedProbabilities? Fixed = null);

    /// <summary>
    /// Exit probability per (step, age) cell, and for every channel but the last the probability of
    /// taking it given that none of the channels before it was taken (conditional binomials). When
    /// <paramref name="TimeInvariant"/>, the arrays hold one entry per age group for every step.
    /// </summary>
    internal sealed record FixedProbabilities(PreparedProbability[] Leave, PreparedProbability[][] Split, bool TimeInvariant)
    {
        /// <summary>The index of age group <paramref name="k"/> at the step whose first cell is <paramref name="stepCell"/>.</summary>
        public int Index(int stepCell, int k) => TimeInvariant ? k : stepCell + k;
    }

    /// <summary>
    /// All transitions from one source to one target: the summed spontaneous rate, mediated terms
    /// (base rate × force of infection of a mediator) and vaccination terms.
    /// </summary>
    internal sealed record Channel(int Source, int Target, double[]? Spontaneous, MediatedTerm[] Mediated, VaccinationTerm[] Vaccinations);

    /// <summary>A mediated rate: <c>BaseRate[t·A + k] · foi[MediatorSlot][k]</c>.</summary>
    internal sealed record MediatedTerm(int MediatorSlot, double[] BaseRate);

    /// <summary>Doses per day per (step, age) shared over the eligible compartments.</summary>
    internal sealed record VaccinationTerm(double[] DosesPerDay, int[] Eligible);
}
