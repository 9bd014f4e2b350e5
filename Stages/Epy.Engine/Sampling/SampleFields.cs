namespace Epy.Engine.Sampling;

/// <summary>
/// The configuration path of a sampled or gridded dimension, as reported in
/// <see cref="ModelValidationException.Field"/>; mirrors the <c>sampling</c> section of a model set.
/// </summary>
internal static class SampleFields
{
    public static string Of(SampleTarget target, string name) => target switch
    {
        SampleTarget.Parameter => $"sampling.parameters.{name}",
        SampleTarget.InitialProportion => $"sampling.compartments.{name}",
        SampleTarget.StartDateOffset => "sampling.start_date",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown sample target"),
    };

    /// <summary>Throws unless <paramref name="name"/> is a usable column name.</summary>
    public static void RequireName(string? name, string field)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ModelValidationException(field, "needs a non-empty name");
    }

    /// <summary>Throws if two dimensions share a name, naming the second one's field.</summary>
    public static void RequireDistinct(IEnumerable<(string Name, string Field)> dimensions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, field) in dimensions)
        {
            if (!seen.Add(name))
                throw new ModelValidationException(field, $"dimension '{name}' is given more than once");
        }
    }
}
