using System.Security.Cryptography;
using Epy.Orchestrator.Cloud.Push;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Push;

public sealed class OidcTokenVerifierTests : IDisposable
{
    private const string Audience = "https://orchestrator-abc-uc.a.run.app";
    private const string Pusher = "push-invoker@proj.iam.gserviceaccount.com";
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private int _fetches;

    private OidcTokenVerifier Verifier() => new(_tokens.KeySetClient(() => _fetches++),
        new PushOptions { Audience = Audience, AllowedEmails = [Pusher], KeySetUri = new Uri("https://keys.test/certs") }, _time);

    private object Claims(string? aud = Audience, string email = Pusher, bool verified = true, long? exp = null, string iss = "https://accounts.google.com") => new
    {
        iss,
        aud,
        email,
        email_verified = verified,
        iat = _time.GetUtcNow().ToUnixTimeSeconds(),
        exp = exp ?? _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        sub = "1234",
    };

    [Fact]
    public async Task Verify_ValidGoogleToken_Passes_AndNamesTheCaller()
    {
        using var verifier = Verifier();
        var check = await verifier.VerifyAsync("Bearer " + _tokens.Sign(Claims()), default);
        check.Valid.ShouldBeTrue(check.Reason);
        check.Email.ShouldBe(Pusher);
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("other-email")]
    [InlineData("unverified-email")]
    [InlineData("expired")]
    [InlineData("other-issuer")]
    [InlineData("foreign-key")]
    [InlineData("unknown-kid")]
    [InlineData("hs256")]
    [InlineData("tampered")]
    [InlineData("garbage")]
    [InlineData("no-bearer")]
    public async Task Verify_BadToken_IsRefused_WithAReason(string kind)
    {
        using var verifier = Verifier();
        using var foreign = RSA.Create(2048);
        var header = kind switch
        {
            "wrong-audience" => "Bearer " + _tokens.Sign(Claims(aud: "https://elsewhere")),
            "other-email" => "Bearer " + _tokens.Sign(Claims(email: "intruder@evil.iam.gserviceaccount.com")),
            "unverified-email" => "Bearer " + _tokens.Sign(Claims(verified: false)),
            "expired" => "Bearer " + _tokens.Sign(Claims(exp: _time.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds())),
            "other-issuer" => "Bearer " + _tokens.Sign(Claims(iss: "https://evil.example")),
            "foreign-key" => "Bearer " + _tokens.Sign(Claims(), key: foreign),
            "unknown-kid" => "Bearer " + _tokens.Sign(Claims(), kid: "nope"),
            "hs256" => "Bearer " + _tokens.Sign(Claims(), alg: "HS256"),
            "tampered" => "Bearer " + Tamper(_tokens.Sign(Claims())),
            "garbage" => "Bearer a.b",
            _ => null,
        };
        var check = await verifier.VerifyAsync(header, default);
        check.Valid.ShouldBeFalse();
        check.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Verify_FetchesTheKeySetOnce_ForManyTokens()
    {
        using var verifier = Verifier();
        for (var i = 0; i < 5; i++)
            (await verifier.VerifyAsync("Bearer " + _tokens.Sign(Claims()), default)).Valid.ShouldBeTrue();
        _fetches.ShouldBe(1);
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = TestTokens.B64(System.Text.Encoding.UTF8.GetBytes("{\"iss\":\"https://accounts.google.com\",\"aud\":\"" + Audience + "\",\"email\":\"" + Pusher + "\",\"email_verified\":true,\"exp\":9999999999}"));
        return $"{parts[0]}.{payload}.{parts[2]}";
    }

    public void Dispose() => _tokens.Dispose();
}
