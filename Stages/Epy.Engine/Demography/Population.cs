namespace Epy.Engine.Demography;

/// <summary>
/// A location's population aggregated to the model's age groups: the census size of every group
/// (fixed for the whole simulation: mediated rates divide by it) and the contact layers.
/// </summary>
public sealed class Population
{
    /// <summary>The contact layers of epydemix-data, in the order they are summed.</summary>
    public static readonly IReadOnlyList<string> StandardLayers = ["school", "work", "home", "community"];

    /// <summary>Creates a population; every layer must be a square matrix over <paramref name="ageGroups"/>.</summary>
    public Population(string name, IReadOnlyList<string> ageGroups, IReadOnlyList<long> sizes, IReadOnlyDictionary<string, ContactMatrix> layers)
    {
        ArgumentNullException.ThrowIfNull(ageGroups);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(layers);
        if (ageGroups.Count == 0)
            throw new ModelValidationException("population.age_groups", "needs at least one age group");
        if (sizes.Count != ageGroups.Count)
            throw new ModelValidationException("population.sizes", $"has {sizes.Count} values for {ageGroups.Count} age groups");
        for (var k = 0; k < sizes.Count; k++)
        {
            if (sizes[k] <= 0 || sizes[k] > int.MaxValue)
                throw new ModelValidationException($"population.sizes[{k}]", $"age group {ageGroups[k]} must have between 1 and {int.MaxValue} people, got {sizes[k]}");
        }
        if (layers.Count == 0)
            throw new ModelValidationException("population.contacts", "needs at least one contact layer");
        foreach (var (layer, matrix) in layers)
        {
            if (matrix.Size != ageGroups.Count)
                throw new ModelValidationException($"population.contacts.{layer}", $"is {matrix.Size}×{matrix.Size}, expected {ageGroups.Count}×{ageGroups.Count}");
        }
        Name = name;
        AgeGroups = [.. ageGroups];
        Sizes = [.. sizes];
        Layers = new Dictionary<string, ContactMatrix>(layers, StringComparer.Ordinal);
    }

    /// <summary>The location's name (e.g. <c>United_States_Massachusetts</c>).</summary>
    public string Name { get; }

    /// <summary>The age group labels, e.g. <c>0-4, 5-17, 18-49, 50-64, 65+</c>.</summary>
    public IReadOnlyList<string> AgeGroups { get; }

    /// <summary>Census size N_k of every age group.</summary>
    public IReadOnlyList<long> Sizes { get; }

    /// <summary>The contact layers by name (home, work, school, community).</summary>
    public IReadOnlyDictionary<string, ContactMatrix> Layers { get; }

    /// <summary>The total population.</summary>
    public long Total => Sizes.Sum();

    /// <summary>The overall contact matrix: the unscaled sum of every layer.</summary>
    public ContactMatrix OverallContacts() =>
        ContactMatrix.WeightedSum(AgeGroups.Count, Layers.Values.Select(m => (m, 1.0)));
}
