namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>Supplies OAuth 2.0 access tokens for Google Cloud REST calls (Firestore, Batch, Storage).</summary>
public interface IAccessTokenSource
{
    /// <summary>A currently valid access token; null when talking to an emulator that needs none.</summary>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}
