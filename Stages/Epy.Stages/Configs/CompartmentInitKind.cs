namespace Epy.Stages.Configs;

/// <summary>How a compartment's initial content is set (<c>compartments[i].init</c>).</summary>
public enum CompartmentInitKind
{
    /// <summary>Not written: the compartment starts empty.</summary>
    None,

    /// <summary><c>default</c>: receives whatever population the other compartments leave.</summary>
    Default,

    /// <summary><c>sampled</c>: drawn by the sampling modelset.</summary>
    Sampled,

    /// <summary><c>calibrated</c>: given a prior by the calibration modelset.</summary>
    Calibrated,

    /// <summary>A number of people (≥ 1), spread over age groups by population (rounded to whole people).</summary>
    Count,

    /// <summary>A proportion of every age group in [0, 1).</summary>
    Proportion,

    /// <summary>One value per age group: a head count (≥ 1) or a proportion of the group (&lt; 1).</summary>
    PerAgeGroup,
}
