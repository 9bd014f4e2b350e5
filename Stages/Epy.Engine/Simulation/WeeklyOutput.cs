namespace Epy.Engine.Simulation;

/// <summary>Weekly outputs: compartments at the end of each week, flows summed over it.</summary>
public sealed class WeeklyOutput : ValueTrajectory
{
    /// <summary>Allocates the buffers for <paramref name="weeks"/> of <paramref name="layout"/>.</summary>
    public WeeklyOutput(OutputLayout layout, IReadOnlyList<DateOnly> weeks) : base(layout, weeks)
    {
    }

    /// <summary>The last day (label) of every week.</summary>
    public IReadOnlyList<DateOnly> Weeks => Dates;
}
