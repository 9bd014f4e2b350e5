using System.Text.Json;

namespace Epy.Cli;

/// <summary>The JSON of <c>--output json</c>: snake_case, indented.</summary>
public static class CliJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>One entry per line (logs): snake_case, not indented.</summary>
    public static JsonSerializerOptions Lines { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
