namespace Epy.Google.Auth;

/// <summary>No token: for the emulators, which accept unauthenticated calls.</summary>
public sealed class NoAccessToken : IAccessTokenSource
{
    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(null);
}
