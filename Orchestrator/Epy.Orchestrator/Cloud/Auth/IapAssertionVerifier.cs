using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Cloud.Push;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// Verifies the <c>X-Goog-IAP-JWT-Assertion</c> header Identity-Aware Proxy adds to the requests it lets through (the
/// dashboard's Cancel and Resume buttons behind IAP): an ES256 JWT signed by one of IAP's keys
/// (<see cref="ApiCallerOptions.IapKeySetUri"/>, fetched and cached), issued by <c>https://cloud.google.com/iap</c>,
/// for one of <see cref="ApiCallerOptions.IapAudiences"/>, not expired, to an email the allow-list accepts.
/// </summary>
public sealed class IapAssertionVerifier(HttpClient http, ApiCallerOptions options, TimeProvider time) : IDisposable
{
    /// <summary>The header IAP signs its assertion into.</summary>
    public const string Header = "X-Goog-IAP-JWT-Assertion";

    /// <summary>The issuer of every IAP assertion.</summary>
    public const string Issuer = "https://cloud.google.com/iap";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    private readonly JwkKeySet<ECParameters> _keys = new(http, () => options.IapKeySetUri, P256Key, time);

    /// <inheritdoc />
    public void Dispose() => _keys.Dispose();

    /// <summary>Checks an IAP assertion; returns the user's email, or why the assertion is refused.</summary>
    public async Task<TokenCheck> VerifyAsync(string? assertion, CancellationToken cancellationToken)
    {
        if (options.IapAudiences.Count == 0)
            return TokenCheck.Refuse("IAP assertions are not accepted here (Api:IapAudiences is empty)");
        if (string.IsNullOrWhiteSpace(assertion) || assertion.Length > 16_384)
            return TokenCheck.Refuse("no IAP assertion");
        var (jwt, refusal) = SignedJwt.Read(assertion, "ES256");
        if (jwt is null)
            return TokenCheck.Refuse(refusal!);
        if (await _keys.KeyAsync(jwt.KeyId, cancellationToken).ConfigureAwait(false) is not { } key)
            return TokenCheck.Refuse("signed with an unknown key");
        using (var ecdsa = ECDsa.Create(key))
        {
            // JWS ES256 signatures are r||s (64 bytes), which is .NET's IEEE P1363 format.
            if (jwt.Signature.Length != 64 || !ecdsa.VerifyData(jwt.Signed, jwt.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                return TokenCheck.Refuse("bad signature");
        }

        var now = time.GetUtcNow();
        if (Jwt.Text(jwt.Payload, "iss") != Issuer)
            return TokenCheck.Refuse("not issued by IAP");
        if (jwt.AudienceOrLifetimeRefusal(options.IapAudiences, now, ClockSkew, issuedAtRequired: true) is { } lifetime)
            return TokenCheck.Refuse(lifetime);
        if (Jwt.Text(jwt.Payload, "email") is not { Length: > 0 } email || !options.Allows(email, Jwt.Text(jwt.Payload, "hd")))
            return TokenCheck.Refuse("the caller is not allowed");
        return new TokenCheck(true, null, email);
    }

    /// <summary>An EC P-256 JWK (IAP signs with ES256).</summary>
    private static (string Kid, ECParameters Key)? P256Key(JsonElement jwk) =>
        Jwt.Text(jwk, "kty") == "EC" && Jwt.Text(jwk, "crv") == "P-256" && Jwt.Text(jwk, "kid") is { } id
        && Jwt.Text(jwk, "x") is { } x && Jwt.Text(jwk, "y") is { } y
            ? (id, new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Jwt.Base64Url(x), Y = Jwt.Base64Url(y) } })
            : null;
}
