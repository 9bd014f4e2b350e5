namespace Epy.Stages.Storage;

/// <summary>A fixed access token, for tests and emulators.</summary>
/// <param name="token">The token sent as <c>Authorization: Bearer {token}</c>.</param>
public sealed class StaticTokenSource(string token) : ITokenSource
{
    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
}
