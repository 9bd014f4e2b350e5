using Epy.Engine.Demography;

namespace Epy.Stages.Pipeline;

/// <summary>
/// A location's population inside a task input, already aggregated to the basemodel's age groups: the
/// size of each group and the contact layers (epydemix-data's Mistry et al. 2021 matrices, aggregated
/// as <see cref="EpydemixData.Aggregate"/> does). The runner needs no population data of its own.
/// </summary>
/// <param name="Name">The epydemix-data location (<c>United_States_Massachusetts</c>).</param>
/// <param name="AgeGroups">The age group labels, in model order.</param>
/// <param name="Sizes">People in each age group.</param>
/// <param name="Contacts">Each layer (school, work, home, community, in the order they are summed): rows of mean daily contacts of a person of group i with group j.</param>
public sealed record TaskPopulation(
    string Name,
    IReadOnlyList<string> AgeGroups,
    IReadOnlyList<long> Sizes,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<double>>> Contacts)
{
    /// <summary>The copy of <paramref name="population"/>.</summary>
    public static TaskPopulation From(Population population)
    {
        ArgumentNullException.ThrowIfNull(population);
        // In the population's own order: the overall matrix sums the layers in turn, and another order
        // would change its last bits (and so eigenvalue and β).
        var contacts = new Dictionary<string, IReadOnlyList<IReadOnlyList<double>>>(StringComparer.Ordinal);
        foreach (var (layer, matrix) in population.Layers)
        {
            var rows = new IReadOnlyList<double>[matrix.Size];
            for (var i = 0; i < matrix.Size; i++)
                rows[i] = matrix.Values.Slice(i * matrix.Size, matrix.Size).ToArray();
            contacts[layer] = rows;
        }
        return new TaskPopulation(population.Name, [.. population.AgeGroups], [.. population.Sizes], contacts);
    }

    /// <summary>The engine's population.</summary>
    /// <exception cref="Engine.ModelValidationException">A matrix that is not square over the age groups, or sizes that do not fit them.</exception>
    public Population ToPopulation()
    {
        var size = AgeGroups.Count;
        var layers = new Dictionary<string, ContactMatrix>(StringComparer.Ordinal);
        foreach (var (layer, rows) in Contacts)
        {
            if (rows.Count != size || rows.Any(row => row.Count != size))
                throw new Engine.ModelValidationException($"population.contacts.{layer}", $"must be {size}×{size}, one row and column per age group");
            layers[layer] = new ContactMatrix(size, [.. rows.SelectMany(row => row)]);
        }
        return new Population(Name, AgeGroups, Sizes, layers);
    }
}
