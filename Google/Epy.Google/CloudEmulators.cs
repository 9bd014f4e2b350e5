namespace Epy.Google;

/// <summary>
/// The one emulator switch of every program: the variables Google's client libraries read to talk to an
/// emulator (or a test's fake) instead of Google Cloud, <c>FIRESTORE_EMULATOR_HOST</c> and
/// <c>STORAGE_EMULATOR_HOST</c>, each <c>http://127.0.0.1:9023</c> or a bare <c>host:port</c>; and, as Cloud
/// Batch has no emulator of Google's, <c>BATCH_EMULATOR_HOST</c> in the same form for a stand-in (a test's fake).
/// Calls to an emulator carry no credentials.
/// </summary>
public static class CloudEmulators
{
    /// <summary>The Firestore emulator's variable.</summary>
    public const string FirestoreVariable = "FIRESTORE_EMULATOR_HOST";

    /// <summary>The Cloud Storage emulator's variable.</summary>
    public const string StorageVariable = "STORAGE_EMULATOR_HOST";

    /// <summary>The variable naming a stand-in for Cloud Batch's REST API (no emulator of Google's exists).</summary>
    public const string BatchVariable = "BATCH_EMULATOR_HOST";

    /// <summary>The API root <paramref name="value"/> of <paramref name="variable"/> names (ending in '/'), or null when it is not set.</summary>
    /// <param name="variable">The variable's name, for the message of a bad value.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="ArgumentException">The value is neither <c>host:port</c> nor an http(s) URL.</exception>
    public static Uri? Address(string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Contains("://", StringComparison.Ordinal) ? value.Trim() : "http://" + value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new ArgumentException($"{variable} '{value}' is not host:port or an http(s) URL");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The Cloud Storage emulator's API root that <paramref name="env"/> names, or null for Cloud Storage itself.</summary>
    /// <param name="env">Reads a variable (the process's environment, or a test's).</param>
    public static Uri? Storage(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return Address(StorageVariable, env(StorageVariable));
    }

    /// <summary>The Cloud Batch stand-in's API root that <paramref name="env"/> names, or null for Cloud Batch itself.</summary>
    /// <param name="env">Reads a variable (the process's environment, or a test's).</param>
    public static Uri? Batch(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return Address(BatchVariable, env(BatchVariable));
    }
}
