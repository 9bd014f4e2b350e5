namespace Epy.Engine.Model;

/// <summary>
/// The whole-number count of every compartment in every age group before step 0, row-major by
/// compartment (index c·A + k). Build it with <see cref="InitialConditionsBuilder"/>.
/// </summary>
public sealed class InitialConditions
{
    private readonly int[] _counts;

    /// <summary>Wraps <paramref name="counts"/> (compartments × age groups, not copied).</summary>
    public InitialConditions(IReadOnlyList<string> compartments, int ageGroups, int[] counts)
    {
        ArgumentNullException.ThrowIfNull(compartments);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length != compartments.Count * ageGroups)
            throw new ModelValidationException("initial_conditions", $"needs {compartments.Count}×{ageGroups} counts, got {counts.Length}");
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
                throw new ModelValidationException($"initial_conditions.{compartments[i / ageGroups]}", $"age group {i % ageGroups} has a negative count {counts[i]}");
        }
        Compartments = [.. compartments];
        AgeGroups = ageGroups;
        _counts = counts;
    }

    /// <summary>The compartments, in the model's order.</summary>
    public IReadOnlyList<string> Compartments { get; }

    /// <summary>The number of age groups.</summary>
    public int AgeGroups { get; }

    /// <summary>Counts, row-major by compartment.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>The count of <paramref name="compartment"/> in age group <paramref name="ageGroup"/>.</summary>
    public int this[string compartment, int ageGroup]
    {
        get
        {
            var c = IndexOf(compartment);
            return _counts[c * AgeGroups + ageGroup];
        }
    }

    /// <summary>The index of <paramref name="compartment"/>; throws naming it when unknown.</summary>
    public int IndexOf(string compartment)
    {
        for (var c = 0; c < Compartments.Count; c++)
        {
            if (Compartments[c] == compartment)
                return c;
        }
        throw new ModelValidationException($"initial_conditions.{compartment}", $"unknown compartment; the model has {string.Join(", ", Compartments)}");
    }
}
