namespace Epy.Google.Storage;

/// <summary>
/// <c>STORAGE_EMULATOR_HOST</c>, the variable Google's client libraries read to talk to a Cloud Storage
/// emulator (or a test's fake) instead of storage.googleapis.com: <c>http://127.0.0.1:9023</c>, or a bare
/// <c>host:port</c>. Calls to an emulator carry no credentials. The one emulator switch of every program.
/// </summary>
public static class StorageEmulator
{
    /// <summary>The variable's name.</summary>
    public const string Variable = "STORAGE_EMULATOR_HOST";

    /// <summary>The API root for <paramref name="host"/> (ending in '/'), or null when it is not set.</summary>
    /// <exception cref="ArgumentException">The value is neither <c>host:port</c> nor an http(s) URL.</exception>
    public static Uri? BaseUri(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
            return null;
        var text = host.Contains("://", StringComparison.Ordinal) ? host.Trim() : "http://" + host.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{Variable} '{host}' is not host:port or an http(s) URL");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The API root <see cref="Variable"/> names in this process's environment, or null.</summary>
    public static Uri? FromEnvironment() => BaseUri(Environment.GetEnvironmentVariable(Variable));
}
