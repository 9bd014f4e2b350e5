namespace Epy.Stages.Configs;

/// <summary>Which compartments or transitions an output includes: all (<c>true</c>), none (<c>false</c>) or a list.</summary>
/// <param name="All">True for every one.</param>
/// <param name="Names">The names listed (e.g. <c>Hosp_total</c>, <c>Home_sev_to_Hosp_total</c>); empty unless a list was written.</param>
/// <param name="Span">Where the value is written.</param>
public sealed record OutputSelection(bool All, IReadOnlyList<Located<string>> Names, SourceSpan Span)
{
    /// <summary>Nothing selected.</summary>
    public static OutputSelection None(SourceSpan span) => new(false, [], span);
}
