using System.Diagnostics;
using System.Globalization;
using System.Text;
using Epy.Contracts.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// The orchestrator's console lines. JSON (<see cref="LogFormat.Json"/>): one Cloud Logging entry per line
/// (<see cref="CloudLogJson"/>: <c>severity</c>, <c>message</c>, the trace of the current span, and the
/// <c>run_id</c>, <c>exp_id</c>, <c>stage</c>, <c>task_index</c> of the scopes it was written in). Text: a
/// readable line, <c>10:15:02.114 INFO  RunEventProcessor: message [run_id=... exp_id=...]</c>.
/// </summary>
public sealed class EpyConsoleFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The formatter's name (<c>Logging:Console:FormatterName</c>).</summary>
    public const string FormatterName = "epy";

    private static readonly string[] FieldOrder = [LogFields.RunId, LogFields.ExpId, LogFields.Stage, LogFields.TaskIndex, LogFields.JobId];

    private static readonly HashSet<string> ScopeFields = new(FieldOrder, StringComparer.Ordinal);

    // Message template arguments that name the same things, for entries written outside a scope.
    private static readonly Dictionary<string, string> TemplateFields = new(StringComparer.Ordinal)
    {
        ["Run"] = LogFields.RunId, ["RunId"] = LogFields.RunId, ["Job"] = LogFields.JobId, ["Task"] = LogFields.TaskIndex,
    };

    private readonly IDisposable? _reload;
    private readonly TimeProvider _time;
    private EpyConsoleFormatterOptions _options;

    /// <summary>Creates the formatter; <paramref name="time"/> stamps the entries (the system clock when not given).</summary>
    public EpyConsoleFormatter(IOptionsMonitor<EpyConsoleFormatterOptions> options, TimeProvider? time = null) : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        // Scopes come outermost first: an inner one overrides. Template arguments fill what no scope says.
        var found = new Dictionary<string, object?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope(static (scope, into) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (name, value) in pairs)
                {
                    if (ScopeFields.Contains(name))
                        into[name] = value;
                }
            }
        }, found);
        if (logEntry.State is IEnumerable<KeyValuePair<string, object?>> arguments)
        {
            foreach (var (name, value) in arguments)
            {
                if (TemplateFields.TryGetValue(name, out var field) && value is not null)
                    found.TryAdd(field, value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString());
            }
        }
        var fields = FieldOrder.Where(found.ContainsKey).Select(name => new KeyValuePair<string, object?>(name, found[name])).ToList();
        var activity = Activity.Current;
        var entry = new CloudLogEntry(_time.GetUtcNow(), Severity(logEntry.LogLevel), message ?? "")
        {
            Logger = logEntry.Category,
            TraceId = activity?.TraceId.ToHexString(),
            SpanId = activity?.SpanId.ToHexString(),
            TraceSampled = activity?.Recorded ?? false,
            Project = _options.Project,
            Fields = fields,
            Exception = logEntry.Exception?.ToString(),
        };
        textWriter.WriteLine(_options.Format == LogFormat.Json ? CloudLogJson.Line(entry) : Text(entry, _time));
    }

    /// <summary>Cloud Logging's severity for <paramref name="level"/>.</summary>
    public static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => CloudSeverity.Debug,
        LogLevel.Information => CloudSeverity.Info,
        LogLevel.Warning => CloudSeverity.Warning,
        LogLevel.Error => CloudSeverity.Error,
        LogLevel.Critical => CloudSeverity.Critical,
        _ => CloudSeverity.Info,
    };

    /// <inheritdoc />
    public void Dispose() => _reload?.Dispose();

    private static string Text(CloudLogEntry entry, TimeProvider time)
    {
        var line = new StringBuilder(128);
        var local = TimeZoneInfo.ConvertTime(entry.Time, time.LocalTimeZone);
        line.Append(local.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ')
            .Append(entry.Severity.PadRight(5)).Append(' ');
        if (entry.Logger is { } logger)
            line.Append(logger[(logger.LastIndexOf('.') + 1)..]).Append(": ");
        line.Append(entry.Message);
        // Ids the message already names (most messages start with "run {id}") are not repeated.
        var shown = entry.Fields.Where(pair => pair.Value?.ToString() is not { Length: >= 8 } id || !entry.Message.Contains(id, StringComparison.Ordinal)).ToList();
        if (shown.Count > 0)
            line.Append(" [").AppendJoin(' ', shown.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}"))).Append(']');
        if (entry.Exception is { } exception)
            line.AppendLine().Append(exception);
        return line.ToString();
    }
}
