using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Stages.Secrets;

/// <summary>Source-generated JSON for the Secret Manager shapes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccessSecretVersionResponse))]
internal sealed partial class SecretManagerJsonContext : JsonSerializerContext;
