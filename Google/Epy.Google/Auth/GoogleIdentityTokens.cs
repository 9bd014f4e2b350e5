using Google.Apis.Auth.OAuth2;

namespace Epy.Google.Auth;

/// <summary>
/// OIDC identity tokens through <c>Google.Apis.Auth</c>, for calling a service that checks them (Cloud Run):
/// minted for one audience from a service account key file when given, else from Application Default
/// Credentials (which mint them from a service account key or the metadata server, not from a user's login).
/// </summary>
public static class GoogleIdentityTokens
{
    /// <summary>A token whose <c>aud</c> is <paramref name="audience"/>, in the standard format.</summary>
    /// <param name="audience">The audience, e.g. the service's origin <c>https://NAME-HASH.a.run.app</c>.</param>
    /// <param name="keyFile">A service account key file; Application Default Credentials' own search when null.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <exception cref="InvalidOperationException">No credentials were found, or they cannot mint identity tokens.</exception>
    public static async Task<string> MintAsync(string audience, string? keyFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var credential = keyFile is { Length: > 0 }
            ? (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(keyFile, cancellationToken).ConfigureAwait(false)).ToGoogleCredential()
            : await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
        var oidc = await credential.GetOidcTokenAsync(OidcTokenOptions.FromTargetAudience(audience).WithTokenFormat(OidcTokenFormat.Standard), cancellationToken).ConfigureAwait(false);
        return await oidc.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
    }
}
