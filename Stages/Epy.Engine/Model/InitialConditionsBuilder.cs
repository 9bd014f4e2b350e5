using Epy.Engine.Demography;

namespace Epy.Engine.Model;

/// <summary>
/// Builds <see cref="InitialConditions"/> the ways epymodelingsuite configs say them: counts per age
/// group, a proportion of every age group, a total count spread by age share, and "the rest of the
/// population" into one default compartment. Apply the default last.
/// </summary>
public sealed class InitialConditionsBuilder
{
    private readonly IReadOnlyList<string> _compartments;
    private readonly IReadOnlyList<long> _sizes;
    private readonly int[] _counts;
    private readonly int _ages;

    /// <summary>Starts with every compartment empty.</summary>
    public InitialConditionsBuilder(IReadOnlyList<string> compartments, Population population)
    {
        ArgumentNullException.ThrowIfNull(compartments);
        ArgumentNullException.ThrowIfNull(population);
        _compartments = compartments;
        _sizes = population.Sizes;
        _ages = population.AgeGroups.Count;
        _counts = new int[compartments.Count * _ages];
    }

    /// <summary>Sets the count of every age group of <paramref name="compartment"/>.</summary>
    public InitialConditionsBuilder Counts(string compartment, IReadOnlyList<long> perAgeGroup)
    {
        ArgumentNullException.ThrowIfNull(perAgeGroup);
        var field = $"compartments.{compartment}.init";
        if (perAgeGroup.Count != _ages)
            throw new ModelValidationException(field, $"needs {_ages} counts (one per age group), got {perAgeGroup.Count}");
        var c = Index(compartment);
        for (var k = 0; k < _ages; k++)
        {
            if (perAgeGroup[k] < 0 || perAgeGroup[k] > _sizes[k])
                throw new ModelValidationException(field, $"age group {k} count {perAgeGroup[k]} must be between 0 and its population {_sizes[k]}");
            _counts[c * _ages + k] = (int)perAgeGroup[k];
        }
        return this;
    }

    /// <summary>Puts floor(<paramref name="proportion"/> · N_k) people of every age group k in <paramref name="compartment"/>.</summary>
    public InitialConditionsBuilder Proportion(string compartment, double proportion)
    {
        if (!(proportion >= 0 && proportion <= 1))
            throw new ModelValidationException($"compartments.{compartment}.init", $"a proportion must be in [0, 1], got {proportion}");
        var values = new long[_ages];
        for (var k = 0; k < _ages; k++)
            values[k] = (long)Math.Floor(proportion * _sizes[k]);
        return Counts(compartment, values);
    }

    /// <summary>
    /// Spreads <paramref name="total"/> people over the age groups in proportion to their sizes,
    /// rounded by largest remainder so the parts add up to the total exactly.
    /// </summary>
    public InitialConditionsBuilder CountByAgeShare(string compartment, long total)
    {
        var populationTotal = _sizes.Sum();
        if (total < 0 || total > populationTotal)
            throw new ModelValidationException($"compartments.{compartment}.init", $"a count must be between 0 and the population {populationTotal}, got {total}");
        var values = new long[_ages];
        var remainders = new (double Remainder, int Age)[_ages];
        long assigned = 0;
        for (var k = 0; k < _ages; k++)
        {
            var exact = (double)total * _sizes[k] / populationTotal;
            values[k] = (long)Math.Floor(exact);
            assigned += values[k];
            remainders[k] = (exact - values[k], k);
        }
        foreach (var (_, age) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Age).Take((int)(total - assigned)))
            values[age]++;
        return Counts(compartment, values);
    }

    /// <summary>
    /// epymodelingsuite's scalar init (<c>calculate_compartment_initial_conditions</c>): a value ≥ 1 is a
    /// head count spread by age share (rounded to the nearest whole person, see <see cref="CountByAgeShare"/>),
    /// a value in (0, 1) a proportion of every age group, 0 nobody.
    /// </summary>
    public InitialConditionsBuilder Scalar(string compartment, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ModelValidationException($"compartments.{compartment}.init", $"must be a finite number ≥ 0, got {value}");
        return value >= 1 ? CountByAgeShare(compartment, (long)Math.Round(value, MidpointRounding.ToEven)) : Proportion(compartment, value);
    }

    /// <summary>
    /// epymodelingsuite's list init: per age group k, a value ≥ 1 is that group's head count (rounded to
    /// the nearest whole person), a value in (0, 1) a proportion floor(v · N_k), 0 nobody.
    /// </summary>
    public InitialConditionsBuilder PerAgeGroup(string compartment, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != _ages)
            throw new ModelValidationException($"compartments.{compartment}.init", $"needs {_ages} values (one per age group), got {values.Count}");
        var counts = new long[_ages];
        for (var k = 0; k < _ages; k++)
        {
            var v = values[k];
            if (!(v >= 0) || double.IsInfinity(v))
                throw new ModelValidationException($"compartments.{compartment}.init", $"age group {k}: must be a finite number ≥ 0, got {v}");
            counts[k] = v >= 1 ? (long)Math.Round(v, MidpointRounding.ToEven) : (long)Math.Floor(v * _sizes[k]);
        }
        return Counts(compartment, counts);
    }

    /// <summary>Puts everyone not yet placed into <paramref name="compartment"/>, age group by age group.</summary>
    public InitialConditionsBuilder Rest(string compartment) => Rest(compartment, []);

    /// <summary>
    /// Splits everyone not yet placed equally between <paramref name="compartment"/> and <paramref name="others"/>,
    /// age group by age group (epymodelingsuite's several <c>init: default</c> compartments); the people
    /// a whole split leaves over go one each to the first compartments, in the order given.
    /// </summary>
    public InitialConditionsBuilder Rest(string compartment, IReadOnlyList<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        int[] targets = [Index(compartment), .. others.Select(Index)];
        for (var k = 0; k < _ages; k++)
        {
            long placed = 0;
            for (var other = 0; other < _compartments.Count; other++)
            {
                if (!targets.Contains(other))
                    placed += _counts[other * _ages + k];
            }
            var rest = _sizes[k] - placed;
            if (rest < 0)
                throw new ModelValidationException($"compartments.{compartment}.init", $"the other compartments already hold {placed} people of age group {k}, more than its population {_sizes[k]}");
            for (var i = 0; i < targets.Length; i++)
                _counts[targets[i] * _ages + k] = (int)(rest / targets.Length + (i < rest % targets.Length ? 1 : 0));
        }
        return this;
    }

    /// <summary>The initial conditions built so far.</summary>
    public InitialConditions Build() => new(_compartments, _ages, (int[])_counts.Clone());

    private int Index(string compartment)
    {
        for (var c = 0; c < _compartments.Count; c++)
        {
            if (_compartments[c] == compartment)
                return c;
        }
        throw new ModelValidationException($"compartments.{compartment}", $"unknown compartment; the model has {string.Join(", ", _compartments)}");
    }
}
