using Google.Apis.Auth.OAuth2;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// Tokens from Application Default Credentials (the metadata server on Cloud Run), scoped to
/// <c>cloud-platform</c>; the credential caches and refreshes them. (The stage program has its own,
/// storage-scoped twin in <c>Epy.Stages.Storage</c>: the two programs share no assembly but Contracts.)
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    /// <summary>The scope of every call the orchestrator makes.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly Lazy<Task<ITokenAccess>> _credential = new(async () =>
        (await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false)).CreateScoped(CloudPlatformScope));

    /// <inheritdoc />
    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await _credential.Value.ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }
}
