namespace Epy.Google.SecretManager;

/// <summary>The answer of <c>projects.secrets.versions.access</c> (the fields read).</summary>
/// <param name="Name">The version's resource name (with the number an alias resolved to).</param>
/// <param name="Payload">The secret data.</param>
internal sealed record AccessSecretVersionResponse(string? Name, SecretPayload? Payload);
