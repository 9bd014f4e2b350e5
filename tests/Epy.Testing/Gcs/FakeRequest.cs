using System.Collections.Specialized;

namespace Epy.Testing.Gcs;

/// <summary>One request to <see cref="FakeGcsServer"/>, read whole.</summary>
public sealed record FakeRequest(string Method, string RawUrl, NameValueCollection Headers, byte[] Body)
{
    /// <summary>The raw (still percent-encoded) path.</summary>
    public string Path => RawUrl.Split('?')[0];

    /// <summary>The decoded value of query parameter <paramref name="name"/>, or null.</summary>
    public string? Query(string name)
    {
        var question = RawUrl.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (var pair in RawUrl[(question + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (Uri.UnescapeDataString(key) == name)
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
