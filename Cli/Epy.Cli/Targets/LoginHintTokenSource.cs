using Epy.Google.Auth;

namespace Epy.Cli.Targets;

/// <summary>A token source whose "no credentials found" failures become a <see cref="CliException"/> saying how to log in.</summary>
internal sealed class LoginHintTokenSource(IAccessTokenSource inner) : IAccessTokenSource
{
    /// <inheritdoc />
    public async ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception noCredentials) when (noCredentials is InvalidOperationException or IOException)
        {
            throw AccessTokens.NoCredentials(noCredentials);
        }
    }
}
