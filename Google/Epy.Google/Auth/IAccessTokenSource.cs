namespace Epy.Google.Auth;

/// <summary>
/// Supplies OAuth 2.0 access tokens for Google Cloud REST calls (Firestore, Batch, Secret Manager, Cloud
/// Logging): the one token abstraction of every program.
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>A currently valid access token; null when talking to an emulator that needs none.</summary>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
