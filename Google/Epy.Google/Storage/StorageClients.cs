using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;

namespace Epy.Google.Storage;

/// <summary>
/// Builds the official <see cref="StorageClient"/>: against an emulator through the builder's base URI
/// and unauthenticated access, otherwise with Application Default Credentials (the
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c> file, gcloud's user credentials, or the metadata server).
/// </summary>
public static class StorageClients
{
    /// <summary>
    /// A client for the API root <paramref name="apiRoot"/>, or for Cloud Storage when it is null. An API root
    /// without a <paramref name="credential"/> is an emulator: its calls carry no credentials.
    /// </summary>
    /// <param name="apiRoot">An emulator's or test server's root ending in '/', e.g. from <see cref="CloudEmulators.Storage"/>.</param>
    /// <param name="credential">The credential; Application Default Credentials when null (and no emulator).</param>
    /// <param name="httpClientFactory">Where the client's HTTP handlers come from (tests inject faults there); the client's default when null.</param>
    public static StorageClient Create(Uri? apiRoot, GoogleCredential? credential = null, global::Google.Apis.Http.IHttpClientFactory? httpClientFactory = null)
    {
        var builder = new StorageClientBuilder { Credential = credential, HttpClientFactory = httpClientFactory };
        if (apiRoot is not null)
        {
            builder.BaseUri = new Uri(apiRoot, "storage/v1/").ToString();
            builder.UnauthenticatedAccess = credential is null;
        }

        return builder.Build();
    }
}
