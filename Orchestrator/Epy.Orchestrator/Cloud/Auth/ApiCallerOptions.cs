namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// Who may change state through the API in cloud mode (<c>POST /v1/runs</c>, <c>:cancel</c>, <c>:resume</c>,
/// <c>/v1/reconcile</c>): callers with a Google-signed identity token for one of <see cref="Audiences"/>
/// whose verified email is in <see cref="AllowedPrincipals"/>. Checked by the service itself, so a stray
/// <c>allUsers</c> invoker grant on Cloud Run opens nothing. Push has its own audience and account
/// (<see cref="Push.PushOptions"/>), so neither token works on the other's endpoint.
/// </summary>
public sealed class ApiCallerOptions
{
    /// <summary>The configuration section (<c>Api__VerifyTokens</c>, <c>Api__Audiences__0</c>, <c>Api__AllowedPrincipals__0</c>, ...).</summary>
    public const string Section = "Api";

    /// <summary>Verify callers' tokens (on in the cloud; off only for tests against emulators).</summary>
    public bool VerifyTokens { get; set; } = true;

    /// <summary>
    /// The accepted <c>aud</c> claims: the service's URL (what <c>epycloud</c> mints for) and the scheduler's
    /// audience; never the push audience.
    /// </summary>
    public IReadOnlyList<string> Audiences { get; set; } = [];

    /// <summary>
    /// Who may call: <c>user:EMAIL</c> or <c>serviceAccount:EMAIL</c> (or a bare email), and <c>domain:NAME</c>
    /// for every verified account of a Google Workspace domain (its <c>hd</c> claim). Groups cannot be read
    /// from an identity token: grant them Cloud Run's invoker role or IAP access, and list their members'
    /// domain here.
    /// </summary>
    public IReadOnlyList<string> AllowedPrincipals { get; set; } = [];

    /// <summary>
    /// The accepted audiences of Identity-Aware Proxy assertions (<c>X-Goog-IAP-JWT-Assertion</c>), for the dashboard
    /// behind IAP: <c>/projects/NUMBER/global/backendServices/ID</c> (a load balancer) or <c>/projects/NUMBER/apps/PROJECT</c>;
    /// the assertion's email must pass <see cref="AllowedPrincipals"/> too. Empty: IAP assertions are not accepted.
    /// </summary>
    public IReadOnlyList<string> IapAudiences { get; set; } = [];

    /// <summary>IAP's public keys (a JWK set of ES256 keys), fetched when an unknown key id is seen and cached.</summary>
    public Uri IapKeySetUri { get; set; } = new("https://www.gstatic.com/iap/verify/public_key-jwk");

    /// <summary>What is wrong with these options (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (!VerifyTokens)
            yield break;
        if (Audiences is null || Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace))
            yield return "Api:Audiences is required while Api:VerifyTokens is on: the service URL and the scheduler's audience";
        if (AllowedPrincipals is null || AllowedPrincipals.Count == 0)
            yield return "Api:AllowedPrincipals is required while Api:VerifyTokens is on: the scheduler's service account and the users who start runs";
        foreach (var audience in IapAudiences ?? [])
        {
            if (!IsIapAudience(audience))
                yield return $"Api:IapAudiences '{audience}' is not /projects/NUMBER/global/backendServices/ID or /projects/NUMBER/apps/PROJECT";
        }
        if (IapKeySetUri is null || !IapKeySetUri.IsAbsoluteUri)
            yield return $"Api:IapKeySetUri '{IapKeySetUri}' must be an absolute URI";
        foreach (var principal in AllowedPrincipals ?? [])
        {
            if (!IsPrincipal(principal))
                yield return $"Api:AllowedPrincipals '{principal}' is not user:EMAIL, serviceAccount:EMAIL or domain:NAME";
        }
    }

    /// <summary>True when the verified <paramref name="email"/>, of Workspace domain <paramref name="hostedDomain"/> (or none), may call.</summary>
    public bool Allows(string email, string? hostedDomain)
    {
        ArgumentNullException.ThrowIfNull(email);
        foreach (var principal in AllowedPrincipals)
        {
            var (kind, name) = Split(principal);
            var match = kind == "domain"
                ? hostedDomain is not null && string.Equals(name, hostedDomain, StringComparison.OrdinalIgnoreCase)
                : string.Equals(name, email, StringComparison.OrdinalIgnoreCase);
            if (match)
                return true;
        }
        return false;
    }

    private static bool IsIapAudience(string audience)
    {
        var parts = (audience ?? "").Split('/');
        return parts is ["", "projects", var number, "global", "backendServices", var id]
                ? number.Length > 0 && number.All(char.IsAsciiDigit) && id.Length > 0 && id.All(char.IsAsciiDigit)
            : parts is ["", "projects", var project, "apps", var app]
                && project.Length > 0 && project.All(char.IsAsciiDigit) && app.Length > 0 && app.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
    }

    private static bool IsPrincipal(string principal)
    {
        if (string.IsNullOrWhiteSpace(principal))
            return false;
        var (kind, name) = Split(principal);
        return kind switch
        {
            "domain" => name.Contains('.', StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal),
            "user" or "serviceAccount" or "" => Batch.BatchOptions.LooksLikeEmail(name),
            _ => false,
        };
    }

    private static (string Kind, string Name) Split(string principal)
    {
        var colon = principal.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", principal.Trim()) : (principal[..colon].Trim(), principal[(colon + 1)..].Trim());
    }
}
