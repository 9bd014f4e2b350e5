namespace Epy.Orchestrator.Cloud.Push;

/// <summary>How pushed requests (Pub/Sub, Cloud Scheduler) are authenticated.</summary>
public sealed class PushOptions
{
    /// <summary>Verify the OIDC token of every push (on in the cloud; off for the emulator, which sends none).</summary>
    public bool VerifyTokens { get; set; } = true;

    /// <summary>The expected <c>aud</c> claim: the service URL (or the audience set on the subscription).</summary>
    public string? Audience { get; set; }

    /// <summary>Service-account emails allowed to push (the push invoker, the scheduler invoker).</summary>
    public IReadOnlyList<string> AllowedEmails { get; set; } = [];

    /// <summary>Google's signing keys (JWKS).</summary>
    public Uri KeySetUri { get; set; } = new("https://www.googleapis.com/oauth2/v3/certs");

    /// <summary>Clock skew tolerated on <c>exp</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);
}
