using System.Text;
using System.Text.Json;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// A compact JWS split and decoded, not yet verified: its claims, its signature, the bytes the signature covers and
/// the id of the key that signed it. Shared by the identity-token and IAP-assertion checks.
/// </summary>
internal sealed record SignedJwt(JsonElement Payload, byte[] Signature, byte[] Signed, string KeyId)
{
    /// <summary>
    /// Reads <paramref name="token"/> (three base64url parts) signed with <paramref name="algorithm"/>; returns the
    /// token, or why it is refused.
    /// </summary>
    public static (SignedJwt? Token, string? Refusal) Read(string token, string algorithm)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return (null, "not a JWT");
        JsonElement header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Jwt.Base64Url(parts[0])).RootElement.Clone();
            payload = JsonDocument.Parse(Jwt.Base64Url(parts[1])).RootElement.Clone();
            signature = Jwt.Base64Url(parts[2]);
        }
        catch (Exception malformed) when (malformed is FormatException or JsonException)
        {
            return (null, "not a JWT");
        }
        if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
            return (null, "not a JWT");
        if (Jwt.Text(header, "alg") != algorithm)
            return (null, $"not signed with {algorithm}");
        if (Jwt.Text(header, "kid") is not { } kid)
            return (null, "no key id");
        return (new SignedJwt(payload, signature, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), kid), null);
    }

    /// <summary>
    /// Why the token is refused for its audience or lifetime at <paramref name="now"/> (within <paramref name="skew"/>),
    /// or null: one of <paramref name="audiences"/>, not expired, not issued in the future (an absent <c>iat</c> is
    /// refused only when <paramref name="issuedAtRequired"/>).
    /// </summary>
    public string? AudienceOrLifetimeRefusal(IEnumerable<string?> audiences, DateTimeOffset now, TimeSpan skew, bool issuedAtRequired)
    {
        if (!Jwt.Audiences(Payload).Any(aud => aud is not null && audiences.Contains(aud, StringComparer.Ordinal)))
            return "wrong audience";
        if (Jwt.Seconds(Payload, "exp") is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) + skew < now)
            return "expired";
        if (Jwt.Seconds(Payload, "iat") is not { } iat ? issuedAtRequired : DateTimeOffset.FromUnixTimeSeconds(iat) - skew > now)
            return "issued in the future";
        return null;
    }
}
