using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using Epy.Orchestrator.Cloud.Push;
using Epy.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>
/// The push token check on forged, tampered, malformed and expired OIDC tokens: it never throws, and it
/// accepts nothing but a token signed by the key set, for the audience, of the allowed caller, in date.
/// </summary>
public sealed class OidcTokenFuzzTests : IDisposable
{
    private const string Audience = "https://orchestrator-abc-uc.a.run.app";
    private const string Pusher = "push-invoker@proj.iam.gserviceaccount.com";
    private static readonly long Iterations = Fuzz.Iterations(1_000);
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private OidcTokenVerifier Verifier() => new(_tokens.KeySetClient(),
        new PushOptions { Audience = Audience, AllowedEmails = [Pusher], KeySetUri = new Uri("https://keys.test/certs") }, _time);

    private string ValidClaims => $$"""{"iss":"https://accounts.google.com","aud":"{{Audience}}","email":"{{Pusher}}","email_verified":true,"iat":{{_time.GetUtcNow().ToUnixTimeSeconds()}},"exp":{{_time.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}},"sub":"1234"}""";

    [Fact]
    public async Task TamperedTokens_AreRefused_UnlessTheyDecodeToTheSignedToken()
    {
        using var verifier = Verifier();
        var valid = _tokens.SignRaw(ValidClaims);
        using var foreign = RSA.Create(2048);
        var forged = new TestTokens();
        var seeds = new[] { "Bearer " + valid, "Bearer " + forged.SignRaw(ValidClaims), "Bearer " + valid.Split('.')[0] + ".e30.", "Bearer eyJhbGciOiJub25lIn0." + valid.Split('.')[1] + "." };

        await Fuzz.Mutants(seeds).CheckAsync(async header =>
        {
            var check = await verifier.VerifyAsync(header, default);
            if (!check.Valid)
            {
                check.Reason.ShouldNotBeNullOrWhiteSpace();
                return;
            }
            // Base64url's last character carries spare bits: a change there can decode to the very same token.
            Segments(header).ShouldBe(Segments("Bearer " + valid), header);
            check.Email.ShouldBe(Pusher);
        }, iterations: Iterations);
        forged.Dispose();
    }

    [Fact]
    public async Task SignedButMalformedClaims_AreRefused_UnlessEveryClaimHolds()
    {
        using var verifier = Verifier();

        await Fuzz.Mutants(ValidClaims).CheckAsync(async claims =>
        {
            var check = await verifier.VerifyAsync("Bearer " + _tokens.SignRaw(claims), default);
            if (!check.Valid)
                return;
            // Read what was signed: UTF-8 turns a lone surrogate of the mutated text into U+FFFD.
            using var payload = JsonDocument.Parse(System.Text.Encoding.UTF8.GetBytes(claims));
            var root = payload.RootElement;
            // Email addresses compare without case (Google signs them lower-case; a case variant names the same account).
            root.GetProperty("email").GetString().ShouldBe(Pusher, claims, StringCompareShould.IgnoreCase);
            root.GetProperty("exp").GetInt64().ShouldBeGreaterThan(_time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds(), claims);
            root.GetProperty("iss").GetString().ShouldEndWith("accounts.google.com", Case.Sensitive, claims);
        }, iterations: Iterations);
    }

    [Fact]
    public async Task ExpiredTokens_AreRefusedAsExpired()
    {
        using var verifier = Verifier();

        await Gen.Long[1, 2_000_000_000].CheckAsync(async ago =>
        {
            var exp = _time.GetUtcNow().ToUnixTimeSeconds() - 120 - ago;
            var claims = ValidClaims.Replace($"\"exp\":{_time.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}", $"\"exp\":{exp}", StringComparison.Ordinal);
            var check = await verifier.VerifyAsync("Bearer " + _tokens.SignRaw(claims), default);
            check.Valid.ShouldBeFalse();
            check.Reason.ShouldBe("expired");
        }, iterations: Math.Min(Iterations, 200));
    }

    [Theory]
    [InlineData("{\"alg\":\"\\ud800\",\"kid\":\"test-key-1\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"\\udfff\"}")]
    public async Task HeaderWithALoneSurrogate_IsRefused_NotThrown(string header)
    {
        using var verifier = Verifier();
        var token = TestTokens.B64(System.Text.Encoding.UTF8.GetBytes(header)) + "." + _tokens.SignRaw(ValidClaims).Split('.', 2)[1];

        var check = await verifier.VerifyAsync("Bearer " + token, default);

        check.Valid.ShouldBeFalse();
    }

    private static byte[][] Segments(string header) =>
        [.. header["Bearer ".Length..].Trim().Split('.').Select(part => Convert.FromBase64String(Pad(part.Replace('-', '+').Replace('_', '/'))))];

    private static string Pad(string text) => text + new string('=', (4 - text.Length % 4) % 4);

    public void Dispose() => _tokens.Dispose();
}
