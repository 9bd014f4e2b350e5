using System.Text.Encodings.Web;
using System.Text.Json;

namespace Epy.Cli;

/// <summary>The JSON of <c>--output json</c>: snake_case, indented, non-ASCII text as is (it is printed, not embedded in HTML).</summary>
public static class CliJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One entry per line (logs): snake_case, not indented.</summary>
    public static JsonSerializerOptions Lines { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
