using System.Collections;
using System.Globalization;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// A logging scope's state: named fields (<see cref="Epy.Contracts.Logging.LogFields"/>) that every log
/// entry written inside the scope carries (the console formatter writes them as JSON fields).
/// </summary>
public sealed class LogScopeFields(IReadOnlyList<KeyValuePair<string, object?>> fields) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => fields[index];

    /// <inheritdoc />
    public int Count => fields.Count;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The fields as <c>name=value</c> pairs.</summary>
    public override string ToString() =>
        string.Join(' ', fields.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
}
