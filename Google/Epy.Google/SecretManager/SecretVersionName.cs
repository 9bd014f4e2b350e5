using System.Diagnostics.CodeAnalysis;

namespace Epy.Google.SecretManager;

/// <summary>
/// A Secret Manager secret version's resource name, <c>projects/{project}/secrets/{secret}/versions/{version}</c>.
/// </summary>
/// <param name="Project">The project id or number.</param>
/// <param name="Secret">The secret id.</param>
/// <param name="Version">The version number, or an alias such as <c>latest</c>.</param>
public sealed record SecretVersionName(string Project, string Secret, string Version)
{
    /// <summary>The version alias for the most recently created version.</summary>
    public const string Latest = "latest";

    /// <summary>
    /// Reads <c>projects/{p}/secrets/{s}/versions/{v}</c>, <c>projects/{p}/secrets/{s}</c> (the latest
    /// version) or a bare secret id <c>{s}</c> in <paramref name="defaultProject"/>.
    /// </summary>
    /// <param name="text">The name.</param>
    /// <param name="defaultProject">The project of a bare secret id, or null.</param>
    /// <param name="name">The name read.</param>
    /// <param name="reason">Why <paramref name="text"/> is not a name.</param>
    public static bool TryParse(string text, string? defaultProject, [NotNullWhen(true)] out SecretVersionName? name, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        name = null;
        var parts = text.Trim().Split('/');
        (string Project, string Secret, string Version)? found = parts switch
        {
            ["projects", var p, "secrets", var s, "versions", var v] => (p, s, v),
            ["projects", var p, "secrets", var s] => (p, s, Latest),
            [var s] when defaultProject is not null => (defaultProject, s, Latest),
            _ => null,
        };
        if (found is not { } f)
        {
            reason = parts.Length == 1
                ? $"'{text}' is a bare secret id but GOOGLE_CLOUD_PROJECT is not set; give projects/{{project}}/secrets/{text}"
                : $"'{text}' is not projects/{{project}}/secrets/{{secret}}[/versions/{{version}}] or a secret id";
            return false;
        }
        if (!IsSegment(f.Project) || !IsSegment(f.Secret) || !IsSegment(f.Version))
        {
            reason = $"'{text}': project, secret and version may hold only letters, digits, '-', '_', '.' and ':'";
            return false;
        }
        name = new SecretVersionName(f.Project, f.Secret, f.Version);
        reason = null;
        return true;
    }

    /// <summary>The resource name.</summary>
    public override string ToString() => $"projects/{Project}/secrets/{Secret}/versions/{Version}";

    // Project ids may be domain-scoped ("example.com:project"); nothing may escape the URL path.
    private static bool IsSegment(string segment) =>
        segment.Length is > 0 and <= 255 && segment is not "." and not ".." && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
