using System.Globalization;

namespace Epy.Testing.Fixtures;

/// <summary>One line of the fake stage's calls log: <c>start|exit|child key=value ...</c>.</summary>
public sealed record StageCall(string Event, IReadOnlyDictionary<string, string> Fields)
{
    public string Stage => Fields["stage"];

    public int Task => Int("task") ?? -1;

    public int Pid => Int("pid") ?? -1;

    /// <summary>The exit code of an <c>exit</c> line.</summary>
    public int? Code => Int("code");

    public string? Value(string key) => Fields.TryGetValue(key, out var value) ? value : null;

    public static StageCall Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = parts.Skip(1)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
        return new StageCall(parts[0], fields);
    }

    private int? Int(string key) => Value(key) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
