using Epy.Google.Auth;
using Google.Apis.Auth.OAuth2;

namespace Epy.Cli.Targets;

/// <summary>
/// The credentials of the CLI's Google Cloud calls: none for an emulator; <c>CLOUDSDK_AUTH_ACCESS_TOKEN</c>
/// when set (gcloud's own variable, e.g. from <c>gcloud auth print-access-token</c>); else Application Default
/// Credentials (<c>gcloud auth application-default login</c>), through the shared token source, whose
/// missing credentials become a <see cref="CliException"/> saying how to log in.
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
        return env(TokenVariable) is { Length: > 0 } token ? new StaticAccessToken(token.Trim()) : new LoginHintTokenSource(new GoogleAccessTokenSource());
    }

    /// <summary>The credential of an official client: <see cref="TokenVariable"/>'s token when set, else null (Application Default Credentials).</summary>
    public static GoogleCredential? Credential(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env(TokenVariable) is { Length: > 0 } token ? GoogleCredential.FromAccessToken(token.Trim()) : null;
    }

    /// <summary>What <paramref name="create"/> makes, or a configuration failure saying how to log in when it finds no credentials.</summary>
    public static T Guard<T>(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            return create();
        }
        catch (Exception noCredentials) when (noCredentials is InvalidOperationException or IOException)
        {
            throw NoCredentials(noCredentials);
        }
    }

    /// <summary>The configuration failure of a token source that found no credentials, saying how to log in.</summary>
    internal static CliException NoCredentials(Exception failure) =>
        CliException.Configuration($"no Google credentials: {FirstLine(failure.Message)}", $"run 'gcloud auth application-default login', or set {TokenVariable}");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
