using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Stages.Storage;

/// <summary>Source-generated JSON for the Cloud Storage shapes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GcsObject))]
[JsonSerializable(typeof(GcsObjectPage))]
internal sealed partial class GcsJsonContext : JsonSerializerContext;
