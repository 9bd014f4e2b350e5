using System.Text.Json;
using System.Text.Json.Serialization;

namespace Epy.Google.SecretManager;

/// <summary>Source-generated JSON for the Secret Manager shapes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccessSecretVersionResponse))]
internal sealed partial class SecretManagerJsonContext : JsonSerializerContext;
