using Epy.Engine.Calibration;

namespace Epy.Stages.Outputs;

/// <summary>
/// Which series an output lists: as the output config says it, <c>true</c> for every series as
/// epydemix names them (per age group then the total: <c>S_0-4</c> … <c>S_total</c>,
/// <c>S_to_L_0-4</c> … <c>S_to_L_total</c>), or a list of series names (<c>Hosp_total</c>,
/// <c>S_0-4</c>, <c>Home_sev_to_Hosp_total</c>).
/// </summary>
public sealed record SeriesSelection
{
    private SeriesSelection(bool every, IReadOnlyList<string> names)
    {
        Every = every;
        Names = names;
    }

    /// <summary>Every compartment's or transition's series: per age group, then the total.</summary>
    public static SeriesSelection All { get; } = new(true, []);

    /// <summary>Nothing (the output is not written).</summary>
    public static SeriesSelection None { get; } = new(false, []);

    /// <summary>True for every series (per age group and total).</summary>
    public bool Every { get; }

    /// <summary>The listed series, when not <see cref="Every"/>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>True when the selection lists nothing.</summary>
    public bool IsEmpty => !Every && Names.Count == 0;

    /// <summary>The listed series, in the given order.</summary>
    public static SeriesSelection Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new SeriesSelection(false, [.. names]);
    }

    /// <summary>The series names this selection means for <paramref name="projection"/>.</summary>
    /// <exception cref="KeyNotFoundException">A listed name is not a <paramref name="kind"/> series of the projection.</exception>
    public IReadOnlyList<string> Resolve(Projection projection, SeriesKind kind)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var stems = kind == SeriesKind.Compartments ? projection.Compartments : projection.Flows;
        if (Every)
            return [.. stems.SelectMany(s => projection.AgeGroups.Select(a => $"{s}_{a}").Append(s + "_total"))];
        foreach (var name in Names)
        {
            var cut = name.LastIndexOf('_');
            var known = cut > 0
                && stems.Contains(name[..cut])
                && (name[(cut + 1)..] == "total" || projection.AgeGroups.Contains(name[(cut + 1)..]));
            if (!known)
                throw new KeyNotFoundException($"'{name}' is not a {(kind == SeriesKind.Compartments ? "compartment" : "transition")} series of the projection");
        }
        return Names;
    }
}
