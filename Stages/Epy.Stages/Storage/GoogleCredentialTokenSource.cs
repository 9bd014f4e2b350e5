using Google.Apis.Auth.OAuth2;

namespace Epy.Stages.Storage;

/// <summary>
/// Access tokens through <c>Google.Apis.Auth</c>, by default from Application Default Credentials: the
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c> file, the gcloud user credentials, or, on Cloud Run and
/// Cloud Batch, the metadata server. The credential caches tokens and refreshes them before expiry.
/// </summary>
public sealed class GoogleCredentialTokenSource : ITokenSource
{
    /// <summary>The scope for reading and writing objects.</summary>
    public const string ReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";

    /// <summary>The scope for every Google Cloud API, which Secret Manager requires.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly Lazy<Task<ITokenAccess>> _credential;

    /// <summary>Creates a source that discovers Application Default Credentials on first use, scoped to <see cref="ReadWriteScope"/>.</summary>
    public GoogleCredentialTokenSource()
        : this(ReadWriteScope)
    {
    }

    /// <summary>Creates a source that discovers Application Default Credentials on first use, scoped to <paramref name="scope"/>.</summary>
    /// <param name="scope">The OAuth scope, e.g. <see cref="CloudPlatformScope"/>; the metadata server ignores it (its tokens carry the instance's scopes).</param>
    public GoogleCredentialTokenSource(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        _credential = new Lazy<Task<ITokenAccess>>(() => LoadDefaultAsync(scope), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates a source over a credential the caller already has, scoped to <see cref="ReadWriteScope"/>.</summary>
    /// <param name="credential">The credential.</param>
    public GoogleCredentialTokenSource(GoogleCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = new Lazy<Task<ITokenAccess>>(Task.FromResult<ITokenAccess>(credential.CreateScoped(ReadWriteScope)));
    }

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var credential = await _credential.Value.ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ITokenAccess> LoadDefaultAsync(string scope)
    {
        var credential = await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false);
        return credential.CreateScoped(scope);
    }
}
