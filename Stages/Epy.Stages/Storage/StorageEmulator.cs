namespace Epy.Stages.Storage;

/// <summary>
/// <c>STORAGE_EMULATOR_HOST</c>, the variable Google's client libraries read to talk to a Cloud Storage
/// emulator (or a test's fake) instead of storage.googleapis.com: <c>http://127.0.0.1:9023</c>, or a bare
/// <c>host:port</c>. Calls to an emulator carry no credentials.
/// </summary>
public static class StorageEmulator
{
    /// <summary>The empty token: <see cref="GcsArtifactStore"/> sends no Authorization header.</summary>
    public static ITokenSource NoToken { get; } = new StaticTokenSource("");

    /// <summary>The API root for <paramref name="host"/> (ending in '/'), or null when it is not set.</summary>
    public static Uri? BaseUri(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
            return null;
        var text = host.Contains("://", StringComparison.Ordinal) ? host.Trim() : "http://" + host.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"STORAGE_EMULATOR_HOST '{host}' is not host:port or an http(s) URL");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
