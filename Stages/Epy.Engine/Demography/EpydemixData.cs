namespace Epy.Engine.Demography;

/// <summary>
/// Reads a location from a local copy of epydemix-data (single-year ages 0..83 and 84+, 85×85
/// contact layers) and aggregates it to the model's age groups the way epydemix's
/// <c>load_epydemix_population</c> does.
/// </summary>
public static class EpydemixData
{
    /// <summary>The contact source used when none is given: Mistry et al. 2021 (85×85, US locations).</summary>
    public const string DefaultContactSource = "mistry_2021";

    private const string NameField = "population.name";
    private const string ContactSourceField = "population.contact_source";

    /// <summary>
    /// Loads <paramref name="location"/> from <paramref name="dataRoot"/>, the folder that holds
    /// <c>data/{location}/demographic/age_distribution.csv</c> and
    /// <c>data/{location}/contact_matrices/{contactSource}/contacts_matrix_{layer}.csv</c> for every
    /// layer of <see cref="Population.StandardLayers"/>, and aggregates it to <paramref name="ageGroups"/>.
    /// </summary>
    /// <param name="dataRoot">The root of an epydemix-data copy (the folder that contains <c>data/</c>).</param>
    /// <param name="location">The epydemix location name, e.g. <c>United_States_Massachusetts</c>; becomes <see cref="Population.Name"/>.</param>
    /// <param name="ageGroups">Age group labels (see <see cref="AgeGroups.Parse"/>).</param>
    /// <param name="contactSource">
    /// The contact matrix source folder. Only sources with 85×85 single-year matrices (<c>mistry_2021</c>,
    /// the US locations) can be read; the 16×16 five-year <c>prem_*</c> and <c>litvinova_2025</c> ones cannot.
    /// </param>
    /// <exception cref="ModelValidationException">
    /// Bad age groups (<c>population.age_groups</c>); a missing folder or file, or a malformed CSV, with
    /// the path, line and column (<c>population.name</c>); a bad contact source name (<c>population.contact_source</c>).
    /// </exception>
    public static Population Load(string dataRoot, string location, IReadOnlyList<string> ageGroups, string contactSource = DefaultContactSource)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        var groups = AgeGroups.Parse(ageGroups);
        EpydemixLayout.ValidateName(location, NameField, "location name");
        EpydemixLayout.ValidateName(contactSource, ContactSourceField, "contact source");

        if (!Directory.Exists(dataRoot))
            throw new ModelValidationException(NameField, $"the epydemix-data folder {dataRoot} does not exist");
        var locationFolder = EpydemixLayout.Local(dataRoot, $"data/{location}");
        if (!Directory.Exists(locationFolder))
            throw new ModelValidationException(NameField, $"no epydemix data for location '{location}': folder {locationFolder} does not exist");
        var sourceFolder = EpydemixLayout.Local(dataRoot, EpydemixLayout.ContactSourceFolder(location, contactSource));
        if (!Directory.Exists(sourceFolder))
        {
            throw new ModelValidationException(NameField,
                $"no contact matrices from source '{contactSource}' for location '{location}': folder {sourceFolder} does not exist");
        }

        var sizes = EpydemixCsv.ReadAgeDistribution(EpydemixLayout.Local(dataRoot, EpydemixLayout.AgeDistribution(location)), NameField);
        var layers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var layer in Population.StandardLayers)
        {
            var path = EpydemixLayout.Local(dataRoot, EpydemixLayout.ContactMatrix(location, contactSource, layer));
            layers.Add(layer, EpydemixCsv.ReadMatrix(path, AgeGroups.SingleYearCount, NameField));
        }
        return Aggregate(location, sizes, layers, groups);
    }

    /// <summary>
    /// Aggregates single-year data to <paramref name="groups"/>, each layer separately:
    /// N_I = Σ_{i∈I} N_i and C_IJ = Σ_{i∈I} Σ_{j∈J} N_i·C_ij / N_I, the mean daily contacts of one
    /// person of group I with people of group J. Pure: the inputs are not changed.
    /// </summary>
    /// <param name="name">The population's name.</param>
    /// <param name="singleYearSizes">N_i for every single-year age i (85 for epydemix-data; any n ≥ 1 works).</param>
    /// <param name="singleYearLayers">Contact layers, each n×n row-major; the output keeps their order.</param>
    /// <param name="groups">Groups whose ages (indices into the single years) partition 0..n−1 in order.</param>
    /// <exception cref="ArgumentException">The groups do not partition 0..n−1, a layer is not n×n, or a size is negative.</exception>
    /// <exception cref="ModelValidationException">An age group has no people (<c>population.sizes[k]</c>).</exception>
    public static Population Aggregate(
        string name,
        IReadOnlyList<long> singleYearSizes,
        IReadOnlyDictionary<string, double[]> singleYearLayers,
        IReadOnlyList<AgeGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(singleYearSizes);
        ArgumentNullException.ThrowIfNull(singleYearLayers);
        ArgumentNullException.ThrowIfNull(groups);
        var n = singleYearSizes.Count;
        CheckPartition(groups, n);

        var m = groups.Count;
        var sizes = new long[m];
        for (var k = 0; k < m; k++)
        {
            for (var i = groups[k].FirstAge; i <= groups[k].LastAge; i++)
            {
                if (singleYearSizes[i] < 0)
                    throw new ArgumentException($"single-year age {i} has a negative size {singleYearSizes[i]}", nameof(singleYearSizes));
                sizes[k] += singleYearSizes[i];
            }
            if (sizes[k] == 0)
                throw new ModelValidationException($"population.sizes[{k}]", $"age group {groups[k].Label} has no people in the data for {name}");
        }

        var layers = new Dictionary<string, ContactMatrix>(StringComparer.Ordinal);
        foreach (var (layer, values) in singleYearLayers)
        {
            if (values is null || values.Length != n * n)
                throw new ArgumentException($"layer {layer} needs {n}×{n} values, got {values?.Length ?? 0}", nameof(singleYearLayers));
            layers.Add(layer, AggregateLayer(values, n, singleYearSizes, groups, sizes));
        }
        return new Population(name, [.. groups.Select(g => g.Label)], sizes, layers);
    }

    private static ContactMatrix AggregateLayer(double[] values, int n, IReadOnlyList<long> singleYearSizes, IReadOnlyList<AgeGroup> groups, long[] sizes)
    {
        var m = groups.Count;
        var aggregated = new double[m * m];
        for (var row = 0; row < m; row++)
        {
            for (var column = 0; column < m; column++)
            {
                var sum = 0.0;
                for (var i = groups[row].FirstAge; i <= groups[row].LastAge; i++)
                {
                    var contacts = 0.0;
                    for (var j = groups[column].FirstAge; j <= groups[column].LastAge; j++)
                        contacts += values[i * n + j];
                    sum += singleYearSizes[i] * contacts;
                }
                aggregated[row * m + column] = sum / sizes[row];
            }
        }
        return new ContactMatrix(m, aggregated);
    }

    private static void CheckPartition(IReadOnlyList<AgeGroup> groups, int n)
    {
        if (groups.Count == 0)
            throw new ArgumentException("needs at least one age group", nameof(groups));
        var next = 0;
        foreach (var group in groups)
        {
            if (group.FirstAge != next || group.LastAge < group.FirstAge)
                throw new ArgumentException($"age group {group.Label} ({group.FirstAge}..{group.LastAge}) should start at {next}: groups must partition ages 0..{n - 1} in order", nameof(groups));
            next = group.LastAge + 1;
        }
        if (next != n)
            throw new ArgumentException($"age groups cover ages 0..{next - 1}, but there are {n} single-year ages", nameof(groups));
    }
}
