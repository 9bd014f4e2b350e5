namespace Epy.Stages.Aggregation;

/// <summary>Which compartments or transitions are aggregated: all shared by the sources, or those named.</summary>
/// <param name="All">True for every one all sources have.</param>
/// <param name="Names">Series names (<c>Hosp</c>, <c>Hosp_total</c>, <c>Hosp_0-4</c>, <c>S_to_I_total</c>); each selects the whole compartment or transition.</param>
public sealed record SeriesChoice(bool All, IReadOnlyList<string> Names)
{
    /// <summary>True when nothing is chosen.</summary>
    public bool IsEmpty => !All && Names.Count == 0;
}
