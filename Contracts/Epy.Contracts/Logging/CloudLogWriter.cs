using System.Text;

namespace Epy.Contracts.Logging;

/// <summary>
/// A <see cref="TextWriter"/> for programs that report in lines (the stage program): every line written
/// to it goes to <paramref name="inner"/> as one JSON entry (<see cref="CloudLogJson"/>) at
/// <see cref="CloudSeverity.Info"/>, with <paramref name="fields"/> (run id, experiment, stage, task index)
/// on each; <see cref="WriteEntry"/> writes one at another severity. Not for concurrent writers.
/// </summary>
/// <param name="inner">Where the JSON lines go (standard error).</param>
/// <param name="time">The clock that stamps each entry.</param>
/// <param name="logger">The entry's <c>logger</c> field (the program's name).</param>
/// <param name="fields">The fields every entry carries.</param>
public sealed class CloudLogWriter(TextWriter inner, TimeProvider time, string logger, IReadOnlyList<KeyValuePair<string, object?>> fields) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <summary>The fields every entry carries.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => fields;

    /// <summary>Writes <paramref name="message"/> as one entry at <paramref name="severity"/> (a <see cref="CloudSeverity"/> name).</summary>
    public void WriteEntry(string severity, string message)
    {
        ArgumentNullException.ThrowIfNull(time);
        inner.WriteLine(CloudLogJson.Line(new CloudLogEntry(time.GetUtcNow(), severity, message) { Logger = logger, Fields = fields }));
        inner.Flush();
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (value == '\n')
            FlushLine();
        else if (value != '\r')
            _line.Append(value);
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
            Write(c);
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        FlushLine();
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (_line.Length > 0)
            FlushLine();
        inner.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
            FlushLine();
        base.Dispose(disposing);
    }

    private void FlushLine()
    {
        var message = _line.ToString();
        _line.Clear();
        WriteEntry(CloudSeverity.Info, message);
    }
}
