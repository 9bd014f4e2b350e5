namespace Epy.Orchestrator.Ports;

/// <summary>
/// What may name a run's output file in a request: one path segment of letters, digits, '.', '_' and
/// '-', not starting with '.', at most 200 characters. So no '/', '\', "..", hidden or temporary file
/// can be asked for, whatever the store.
/// </summary>
public static class OutputFileName
{
    /// <summary>True when <paramref name="name"/> is such a name.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 200 } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Throws unless <paramref name="name"/> is valid.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void Check(string name)
    {
        if (!IsValid(name))
            throw new ArgumentException($"'{name}' is not an output file name", nameof(name));
    }
}
