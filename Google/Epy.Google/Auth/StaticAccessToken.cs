namespace Epy.Google.Auth;

/// <summary>One access token given from outside (the CLI's <c>CLOUDSDK_AUTH_ACCESS_TOKEN</c>, a test's fixed token).</summary>
/// <param name="token">The token sent as <c>Authorization: Bearer {token}</c>.</param>
public sealed class StaticAccessToken(string token) : IAccessTokenSource
{
    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(token);
}
