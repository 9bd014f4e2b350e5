using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Google.Firestore;

/// <summary>The JSON settings of Firestore's REST API: camelCase names, absent rather than null members.</summary>
public static class FirestoreJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
