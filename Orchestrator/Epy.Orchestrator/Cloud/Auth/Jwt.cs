using System.Text.Json;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>Reading a JWT's parts and claims, shared by the identity-token and IAP-assertion checks.</summary>
internal static class Jwt
{
    /// <summary>The <c>aud</c> claim: one string or an array of them.</summary>
    public static IEnumerable<string?> Audiences(JsonElement payload) =>
        !payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [String(aud)]
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(String)
        : [];

    /// <summary>The string member <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? String(value) : null;

    /// <summary>A string value, or null when it is no valid string.</summary>
    public static string? String(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no string: such a claim is absent
            // (it threw, and the unsigned header made it a 500 for anyone; found by OidcTokenFuzzTests).
            return null;
        }
    }

    /// <summary>The whole-number member <paramref name="name"/> (seconds since the epoch), or null.</summary>
    public static long? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;

    /// <summary>The bytes of base64url <paramref name="text"/> (unpadded).</summary>
    /// <exception cref="FormatException">Not base64url.</exception>
    public static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("bad base64url length") };
        return Convert.FromBase64String(padded);
    }
}
