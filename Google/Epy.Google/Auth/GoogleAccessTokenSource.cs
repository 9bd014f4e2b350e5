using Google.Apis.Auth.OAuth2;

namespace Epy.Google.Auth;

/// <summary>
/// Access tokens through <c>Google.Apis.Auth</c>, by default from Application Default Credentials: the
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c> file, gcloud's user credentials, or, on Cloud Run and Cloud Batch,
/// the metadata server. The credential is found on first use, then caches tokens and refreshes them before expiry.
/// </summary>
public sealed class GoogleAccessTokenSource : IAccessTokenSource
{
    /// <summary>The scope of every Google Cloud API (Firestore, Batch, Secret Manager, Cloud Logging).</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>The scope for reading and writing Cloud Storage objects.</summary>
    public const string StorageReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";

    private readonly Lazy<Task<ITokenAccess>> _credential;

    /// <summary>Creates a source over Application Default Credentials, scoped to <see cref="CloudPlatformScope"/>.</summary>
    public GoogleAccessTokenSource()
        : this(CloudPlatformScope)
    {
    }

    /// <summary>Creates a source over Application Default Credentials, scoped to <paramref name="scope"/>.</summary>
    /// <param name="scope">The OAuth scope; the metadata server ignores it (its tokens carry the instance's scopes).</param>
    public GoogleAccessTokenSource(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        _credential = new Lazy<Task<ITokenAccess>>(
            async () => (await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false)).CreateScoped(scope),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates a source over a credential the caller already has, scoped to <paramref name="scope"/>.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="scope">The OAuth scope.</param>
    public GoogleAccessTokenSource(GoogleCredential credential, string scope)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        _credential = new Lazy<Task<ITokenAccess>>(Task.FromResult<ITokenAccess>(credential.CreateScoped(scope)));
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var credential = await _credential.Value.ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }
}
