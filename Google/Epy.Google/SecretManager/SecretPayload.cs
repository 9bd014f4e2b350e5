namespace Epy.Google.SecretManager;

/// <summary>A secret version's payload.</summary>
/// <param name="Data">The secret bytes, base64-encoded (protobuf <c>bytes</c> in JSON).</param>
internal sealed record SecretPayload(string? Data);
