using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Cloud.Auth;

namespace Epy.Orchestrator.Cloud.Push;

/// <summary>
/// Verifies the OIDC token Pub/Sub push and Cloud Scheduler attach (<c>Authorization: Bearer</c>): an RS256
/// JWT signed by one of Google's keys (<see cref="PushOptions.KeySetUri"/>), issued by accounts.google.com,
/// for our audience, to an allowed service-account email (verified), not expired.
/// </summary>
public sealed class OidcTokenVerifier(HttpClient http, PushOptions options, TimeProvider time) : IDisposable
{
    private static readonly string[] Issuers = ["https://accounts.google.com", "accounts.google.com"];
    private readonly JwkKeySet<RSAParameters> _keys = new(http, () => options.KeySetUri, RsaKey, time);

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();

    /// <summary>Checks a push's Authorization header against <see cref="PushOptions"/>; returns the caller's email, or why the token is refused.</summary>
    public Task<TokenCheck> VerifyAsync(string? authorization, CancellationToken cancellationToken) =>
        VerifyAsync(authorization, [options.Audience], (email, _) => options.AllowedEmails.Contains(email, StringComparer.OrdinalIgnoreCase), cancellationToken);

    /// <summary>
    /// Checks an Authorization header: signed by Google, for one of <paramref name="audiences"/>, to a verified email
    /// that <paramref name="allows"/> accepts (given the email and the <c>hd</c> claim, the Workspace domain, or null).
    /// </summary>
    public async Task<TokenCheck> VerifyAsync(
        string? authorization, IReadOnlyCollection<string?> audiences, Func<string, string?, bool> allows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        ArgumentNullException.ThrowIfNull(allows);
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return TokenCheck.Refuse("no bearer token");
        if (authorization.Length > 16_384)
            return TokenCheck.Refuse("not a JWT");
        var (jwt, refusal) = SignedJwt.Read(authorization["Bearer ".Length..], "RS256");
        if (jwt is null)
            return TokenCheck.Refuse(refusal!);
        if (await _keys.KeyAsync(jwt.KeyId, cancellationToken).ConfigureAwait(false) is not { } key)
            return TokenCheck.Refuse("signed with an unknown key");
        using (var rsa = RSA.Create(key))
        {
            if (!rsa.VerifyData(jwt.Signed, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return TokenCheck.Refuse("bad signature");
        }

        var now = time.GetUtcNow();
        if (!Issuers.Contains(Jwt.Text(jwt.Payload, "iss")))
            return TokenCheck.Refuse("not issued by Google");
        if (jwt.AudienceOrLifetimeRefusal(audiences, now, options.ClockSkew, issuedAtRequired: false) is { } lifetime)
            return TokenCheck.Refuse(lifetime);
        var email = Jwt.Text(jwt.Payload, "email");
        var verified = jwt.Payload.TryGetProperty("email_verified", out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && Jwt.String(v) == "true"));
        if (email is null || !verified || !allows(email, Jwt.Text(jwt.Payload, "hd")))
            return TokenCheck.Refuse("the caller is not allowed");
        return new TokenCheck(true, null, email);
    }

    /// <summary>An RSA JWK (Google signs identity tokens with RS256).</summary>
    private static (string Kid, RSAParameters Key)? RsaKey(JsonElement jwk) =>
        Jwt.Text(jwk, "kty") == "RSA" && Jwt.Text(jwk, "kid") is { } id && Jwt.Text(jwk, "n") is { } n && Jwt.Text(jwk, "e") is { } e
            ? (id, new RSAParameters { Modulus = Jwt.Base64Url(n), Exponent = Jwt.Base64Url(e) })
            : null;
}
