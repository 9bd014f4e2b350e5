using Epy.Orchestrator.Cloud.Auth;

namespace Epy.Cli.Targets;

/// <summary>
/// The access tokens of the CLI's Google Cloud calls: none for an emulator; <c>CLOUDSDK_AUTH_ACCESS_TOKEN</c>
/// when set (gcloud's own variable, e.g. from <c>gcloud auth print-access-token</c>); else Application Default
/// Credentials (<c>gcloud auth application-default login</c>), through the orchestrator's token source.
/// </summary>
public static class AccessTokens
{
    /// <summary>gcloud's access-token variable.</summary>
    public const string TokenVariable = "CLOUDSDK_AUTH_ACCESS_TOKEN";

    /// <summary>The token source for a call to a real endpoint or (<paramref name="emulator"/>) an emulator.</summary>
    public static IAccessTokenSource For(bool emulator, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (emulator)
            return new NoAccessToken();
        return env(TokenVariable) is { Length: > 0 } token ? new StaticAccessToken(token.Trim()) : new GoogleAccessTokenSource();
    }

    /// <summary>A token from <paramref name="tokens"/>, or a configuration failure saying how to log in.</summary>
    public static async Task<string?> GetAsync(IAccessTokenSource tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        try
        {
            return await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception noCredentials) when (noCredentials is InvalidOperationException or IOException)
        {
            throw CliException.Configuration($"no Google credentials: {FirstLine(noCredentials.Message)}",
                $"run 'gcloud auth application-default login', or set {TokenVariable}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
