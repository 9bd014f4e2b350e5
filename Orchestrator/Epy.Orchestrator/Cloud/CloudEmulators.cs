using Microsoft.Extensions.Configuration;

namespace Epy.Orchestrator.Cloud;

/// <summary>
/// The emulator settings Google's client libraries read, honoured the same way here:
/// <c>FIRESTORE_EMULATOR_HOST</c> and <c>STORAGE_EMULATOR_HOST</c> (<c>host:port</c> or an http URL).
/// When the Firestore emulator is named the deployment is a test or development one, and no call
/// carries a Google token (the emulators take none; a fake Batch is reached through <c>Batch:BaseAddress</c>).
/// </summary>
public static class CloudEmulators
{
    /// <summary>The Firestore emulator's variable.</summary>
    public const string FirestoreVariable = "FIRESTORE_EMULATOR_HOST";

    /// <summary>The Cloud Storage emulator's variable.</summary>
    public const string StorageVariable = "STORAGE_EMULATOR_HOST";

    /// <summary>True when <paramref name="configuration"/> names the Firestore emulator.</summary>
    public static bool InUse(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration?[FirestoreVariable]);

    /// <summary>The base address <paramref name="variable"/> names in <paramref name="configuration"/>, or null when unset.</summary>
    /// <exception cref="InvalidOperationException">The value is neither <c>host:port</c> nor an http(s) URL.</exception>
    public static Uri? Address(IConfiguration configuration, string variable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[variable];
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Contains("://", StringComparison.Ordinal) ? value.Trim() : "http://" + value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new InvalidOperationException($"{variable} '{value}' is not host:port or an http(s) URL");
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
