using Epy.Engine.Calibration;

namespace Epy.Stages.Pipeline;

/// <summary>A calibration task's observations: its location's weekly values inside the fitting window.</summary>
/// <param name="Dates">The week-ending dates, ascending, 7 days apart.</param>
/// <param name="Values">The observed value of each week.</param>
public sealed record TaskObservations(IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Values)
{
    /// <summary>The copy of <paramref name="series"/>.</summary>
    public static TaskObservations From(ObservedSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new TaskObservations([.. series.Dates], [.. series.Values]);
    }

    /// <summary>The engine's series.</summary>
    /// <exception cref="Engine.ModelValidationException">Dates and values that do not pair, or dates not weekly.</exception>
    public ObservedSeries ToSeries() => new(Dates, Values, "observed");
}
