using Epy.Google.Auth;
using Epy.Stages.ForecastRepo;
using Epy.Google.SecretManager;

namespace Epy.Stages.Pipeline;

/// <summary>What the stages reach besides their artifact store, replaceable in tests: Secret Manager and git.</summary>
public sealed record StageServices
{
    /// <summary>The real services: Secret Manager at its public endpoint with Application Default Credentials, git on PATH.</summary>
    public static StageServices Default { get; } = new();

    /// <summary>Creates the Secret Manager client, called only when a secret is needed (<c>GITHUB_PAT_SECRET</c>).</summary>
    public Func<SecretManagerClient> SecretManager { get; init; } = CreateSecretManager;

    /// <summary>How the builder runs git.</summary>
    public GitOptions Git { get; init; } = new();

    // One client for the process: the stage program runs one stage and exits.
#pragma warning disable CA2000 // the HttpClient lives as long as the process
    private static SecretManagerClient CreateSecretManager() =>
        new(new HttpClient(), new GoogleAccessTokenSource(GoogleAccessTokenSource.CloudPlatformScope));
#pragma warning restore CA2000
}
