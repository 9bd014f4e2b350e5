namespace Epy.Engine.Simulation;

/// <summary>
/// The names of a simulation's outputs: compartments, flows (<c>{source}_to_{target}</c>, one per
/// distinct pair) and age groups. A series is named <c>{compartment}_{age}</c>,
/// <c>{compartment}_total</c>, <c>{source}_to_{target}_{age}</c> or <c>{source}_to_{target}_total</c>.
/// </summary>
public sealed class OutputLayout
{
    private readonly Dictionary<string, SeriesKey> _series = new(StringComparer.Ordinal);

    /// <summary>Creates the layout and its name index.</summary>
    public OutputLayout(IReadOnlyList<string> compartments, IReadOnlyList<string> flows, IReadOnlyList<string> ageGroups, IReadOnlyList<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(compartments);
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(ageGroups);
        Compartments = [.. compartments];
        Flows = [.. flows];
        AgeGroups = [.. ageGroups];
        AgeGroupCount = AgeGroups.Count;
        Dates = dates;
        var names = new List<string>();
        void Add(string baseName, bool isFlow, int index)
        {
            for (var k = 0; k < AgeGroups.Count; k++)
                Register($"{baseName}_{AgeGroups[k]}", new SeriesKey(isFlow, index, k));
            Register($"{baseName}_total", new SeriesKey(isFlow, index, SeriesKey.Total));
        }
        void Register(string name, SeriesKey key)
        {
            if (_series.TryAdd(name, key))
                names.Add(name);
        }
        for (var c = 0; c < Compartments.Count; c++)
            Add(Compartments[c], false, c);
        for (var f = 0; f < Flows.Count; f++)
            Add(Flows[f], true, f);
        SeriesNames = names;
    }

    /// <summary>Compartment ids in model order.</summary>
    public IReadOnlyList<string> Compartments { get; }

    /// <summary>Flow names <c>{source}_to_{target}</c>, grouped by source in compartment order.</summary>
    public IReadOnlyList<string> Flows { get; }

    /// <summary>Age group labels.</summary>
    public IReadOnlyList<string> AgeGroups { get; }

    /// <summary>How many age groups: a field read, where <c>AgeGroups.Count</c> is an interface call (the simulator reads it every step).</summary>
    public int AgeGroupCount { get; }

    /// <summary>The date of every simulation step.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Every series name, compartments first, then flows; per age then total.</summary>
    public IReadOnlyList<string> SeriesNames { get; }

    /// <summary>Finds a series by name; throws naming the unknown series.</summary>
    public SeriesKey Find(string name) =>
        _series.TryGetValue(name, out var key)
            ? key
            : throw new KeyNotFoundException($"no output series '{name}'; series are named like {string.Join(", ", SeriesNames.Take(3))}, ...");

    /// <summary>True when <paramref name="name"/> is a series of this layout.</summary>
    public bool Contains(string name) => _series.ContainsKey(name);

    /// <summary>The index of a flow <c>{source}_to_{target}</c>, or −1.</summary>
    public int FlowIndex(string flow)
    {
        for (var f = 0; f < Flows.Count; f++)
        {
            if (Flows[f] == flow)
                return f;
        }
        return -1;
    }
}

/// <summary>Where a named series lives: a compartment or a flow, and an age group or the total.</summary>
/// <param name="IsFlow">True for a flow, false for a compartment.</param>
/// <param name="Index">The compartment or flow index.</param>
/// <param name="AgeGroup">The age group index, or <see cref="Total"/>.</param>
public readonly record struct SeriesKey(bool IsFlow, int Index, int AgeGroup)
{
    /// <summary>The age group index that means "summed over all age groups".</summary>
    public const int Total = -1;
}
