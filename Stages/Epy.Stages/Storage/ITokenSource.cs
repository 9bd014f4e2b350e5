namespace Epy.Stages.Storage;

/// <summary>Supplies OAuth 2.0 access tokens for Cloud Storage requests.</summary>
public interface ITokenSource
{
    /// <summary>A currently valid access token (the implementation caches and refreshes it).</summary>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
