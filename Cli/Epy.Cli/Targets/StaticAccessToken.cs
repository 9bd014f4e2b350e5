using Epy.Orchestrator.Cloud.Auth;

namespace Epy.Cli.Targets;

/// <summary>One access token given from outside (<c>CLOUDSDK_AUTH_ACCESS_TOKEN</c>).</summary>
public sealed class StaticAccessToken(string token) : IAccessTokenSource
{
    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
