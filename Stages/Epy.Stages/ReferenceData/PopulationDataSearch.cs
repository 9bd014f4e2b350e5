namespace Epy.Stages.ReferenceData;

/// <summary>
/// Where the population data of a location (epydemix-data layout: <c>{root}/data/{epydemix name}/...</c>)
/// is looked for: each location is read from the first root that has its
/// <c>demographic/age_distribution.csv</c>, so a forecast repository may hold some locations and the
/// copy shipped with the program the rest.
/// </summary>
public sealed class PopulationDataSearch
{
    /// <summary>Creates a search over epydemix-data roots, in order.</summary>
    public PopulationDataSearch(IReadOnlyList<DataPlace> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        Roots = roots;
    }

    /// <summary>Every root, in the order looked.</summary>
    public IReadOnlyList<DataPlace> Roots { get; }

    /// <summary>A search of one root (tests, tools).</summary>
    public static PopulationDataSearch At(string root) => new([new DataPlace(root, "given")]);

    /// <summary>The first root holding <paramref name="epydemixName"/>'s population, or null.</summary>
    public DataPlace? Find(string epydemixName)
    {
        ArgumentNullException.ThrowIfNull(epydemixName);
        return Roots.FirstOrDefault(root => File.Exists(AgeDistribution(root.Path, epydemixName)));
    }

    /// <summary>What was expected and where, naming every root looked.</summary>
    public string Missing(string epydemixName) => Roots.Count == 1
        ? AgeDistribution(Roots[0].Path, epydemixName)
        : $"{Relative(epydemixName)} under one of {string.Join(", ", Roots)}";

    private static string Relative(string epydemixName) => $"data/{epydemixName}/demographic/age_distribution.csv";

    private static string AgeDistribution(string root, string epydemixName) => Path.Combine(root, "data", epydemixName, "demographic", "age_distribution.csv");
}
