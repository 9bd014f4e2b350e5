using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Epy.Contracts.Logging;

/// <summary>
/// Writes a <see cref="CloudLogEntry"/> as one line of JSON in the form Cloud Logging reads from the
/// standard output of Cloud Run and Cloud Batch: <c>severity</c>, <c>message</c>, <c>time</c>,
/// <c>logging.googleapis.com/trace</c> (<c>projects/{project}/traces/{trace_id}</c>, which ties the line to
/// its trace in Cloud Trace), <c>logging.googleapis.com/spanId</c>, <c>logging.googleapis.com/trace_sampled</c>,
/// then the entry's fields (<c>run_id</c>, <c>exp_id</c>, <c>stage</c>, <c>task_index</c>, ...), <c>logger</c>
/// and <c>stack_trace</c>. Everything but the special fields lands in <c>jsonPayload</c>.
/// </summary>
public static class CloudLogJson
{
    /// <summary>The field Cloud Logging reads the trace from.</summary>
    public const string TraceField = "logging.googleapis.com/trace";

    /// <summary>The field Cloud Logging reads the span id from.</summary>
    public const string SpanIdField = "logging.googleapis.com/spanId";

    /// <summary>The field Cloud Logging reads whether the trace is sampled from.</summary>
    public const string TraceSampledField = "logging.googleapis.com/trace_sampled";

    private static readonly string[] Reserved = ["severity", "message", "time", TraceField, SpanIdField, TraceSampledField, "logger", "stack_trace"];

    // Readable non-ASCII text and no escaping of '+' or '<' (the line is a log entry, never HTML).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entry as one line of JSON, without the line break.</summary>
    public static string Line(CloudLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            Write(json, entry);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the entry as one JSON object to <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, CloudLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(entry);
        json.WriteStartObject();
        json.WriteString("severity", entry.Severity);
        json.WriteString("message", entry.Message);
        json.WriteString("time", entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        if (entry.TraceId is { Length: > 0 } trace)
        {
            if (entry.Project is { Length: > 0 } project)
                json.WriteString(TraceField, $"projects/{project}/traces/{trace}");
            if (entry.SpanId is { Length: > 0 } span)
                json.WriteString(SpanIdField, span);
            json.WriteBoolean(TraceSampledField, entry.TraceSampled);
        }
        var written = new HashSet<string>(Reserved, StringComparer.Ordinal);
        foreach (var (name, value) in entry.Fields)
        {
            if (string.IsNullOrEmpty(name) || !written.Add(name))
                continue;
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
        if (entry.Logger is { Length: > 0 } logger)
            json.WriteString("logger", logger);
        if (entry.Exception is { Length: > 0 } exception)
            json.WriteString("stack_trace", exception);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double number when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
