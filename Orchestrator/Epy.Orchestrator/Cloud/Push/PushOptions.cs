namespace Epy.Orchestrator.Cloud.Push;

/// <summary>How pushed requests (Pub/Sub, Cloud Scheduler) are authenticated.</summary>
public sealed class PushOptions
{
    /// <summary>The configuration section (<c>Push__VerifyTokens</c>, <c>Push__Audience</c>, <c>Push__AllowedEmails__0</c>, ...).</summary>
    public const string Section = "Push";

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

    /// <summary>What is wrong with these options (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (!VerifyTokens)
            yield break;
        if (string.IsNullOrWhiteSpace(Audience))
            yield return "Push:Audience is required while Push:VerifyTokens is on: the service URL, or the audience set on the push subscription";
        if (AllowedEmails is null || AllowedEmails.Count == 0)
            yield return "Push:AllowedEmails is required while Push:VerifyTokens is on: the service accounts that push (Pub/Sub) and call (Cloud Scheduler)";
        foreach (var email in AllowedEmails ?? [])
        {
            if (!Batch.BatchOptions.LooksLikeEmail(email))
                yield return $"Push:AllowedEmails '{email}' is not a service account email";
        }
        if (KeySetUri is null || !KeySetUri.IsAbsoluteUri)
            yield return $"Push:KeySetUri '{KeySetUri}' must be an absolute URI";
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
            yield return $"Push:ClockSkew must be between 0 and 10 minutes, not {ClockSkew}";
    }
}
