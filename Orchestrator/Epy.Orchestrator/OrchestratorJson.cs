using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Orchestrator;

/// <summary>The JSON settings of the API and of stored runs: snake_case names and enum values.</summary>
public static class OrchestratorJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the settings to <paramref name="options"/> (the API's own options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 32;
        // The web defaults read "10" as 10: numbers are numbers (issue 19), a quoted one is a malformed body.
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
