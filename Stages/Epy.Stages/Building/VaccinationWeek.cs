namespace Epy.Stages.Building;

/// <summary>A week of a vaccination schedule: the same number of doses on each of its days.</summary>
/// <param name="First">The first day of the week.</param>
/// <param name="Last">The last day of the week (the scenario's week-ending date).</param>
/// <param name="DosesPerDay">Doses per day, one value per model age group.</param>
public sealed record VaccinationWeek(DateOnly First, DateOnly Last, IReadOnlyList<double> DosesPerDay);
