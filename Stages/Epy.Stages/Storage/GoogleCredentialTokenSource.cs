using Google.Apis.Auth.OAuth2;

namespace Epy.Stages.Storage;

/// <summary>
/// Access tokens from Application Default Credentials through <c>Google.Apis.Auth</c>: the
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c> file, the gcloud user credentials, or, on Cloud Run and
/// Cloud Batch, the metadata server. The credential caches tokens and refreshes them before expiry.
/// </summary>
public sealed class GoogleCredentialTokenSource : ITokenSource
{
    /// <summary>The scope for reading and writing objects.</summary>
    public const string ReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";

    private readonly Lazy<Task<ITokenAccess>> _credential;

    /// <summary>Creates a source that discovers the credential on first use.</summary>
    public GoogleCredentialTokenSource()
        => _credential = new Lazy<Task<ITokenAccess>>(LoadAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var credential = await _credential.Value.ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ITokenAccess> LoadAsync()
    {
        var credential = await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false);
        return credential.CreateScoped(ReadWriteScope);
    }
}
