using System.Globalization;
using Epy.Contracts.Runs;

namespace Epy.Cli.Logs;

/// <summary>Parses the arguments of <c>epycloud logs</c>; a bad one is a configuration failure naming it.</summary>
public static class LogArguments
{
    /// <summary><c>a|b|c</c> or <c>builder|runner|output</c>.</summary>
    public static Stage? Stage(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "a" or "builder" => Contracts.Runs.Stage.Builder,
        "b" or "runner" => Contracts.Runs.Stage.Runner,
        "c" or "output" => Contracts.Runs.Stage.Output,
        var other => throw CliException.Configuration($"--stage '{other}' is not a stage", "use a (builder), b (runner) or c (output)"),
    };

    /// <summary>A severity name, upper-cased.</summary>
    public static string? Level(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var level = text.Trim().ToUpperInvariant();
        if (level == "WARN")
            level = "WARNING";
        return LogQuery.Severities.Contains(level) ? level
            : throw CliException.Configuration($"--level '{text}' is not a severity", $"use one of {string.Join(", ", LogQuery.Severities)}");
    }

    /// <summary>A duration back from <paramref name="now"/> (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c>) or an ISO 8601 time.</summary>
    public static DateTimeOffset? Since(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = text.Trim();
        if (value.Length >= 2 && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? span = value[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (span is { } back)
                return now - back;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at
            : throw CliException.Configuration($"--since '{text}' is neither a duration nor a time", "use e.g. 30m, 2h, 1d or 2026-11-24T10:00:00Z");
    }

    /// <summary>The run id.</summary>
    public static RunId Run(string? text) =>
        RunId.TryParse(text, out var run) ? run
            : throw CliException.Configuration($"--run-id '{text}' is not a run id", "run ids look like 20261124-101500-a1b2c3d4 (see 'epycloud runs list')");
}
