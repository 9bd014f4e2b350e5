using System.Text.Json;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// A signer's published JSON Web Key set (Google's OIDC keys, IAP's keys), fetched and cached: kept for the answer's
/// <c>Cache-Control: max-age</c> (an hour when it names none); a key id it does not know refetches, at most once a
/// minute (keys rotate; a stream of made-up ids must not become a stream of fetches). <paramref name="parse"/> reads
/// one JWK: its id and key, or null for a key of another type.
/// </summary>
public sealed class JwkKeySet<TKey>(HttpClient http, Func<Uri> uri, Func<JsonElement, (string Kid, TKey Key)?> parse, TimeProvider time) : IDisposable
    where TKey : struct
{
    private static readonly TimeSpan RefetchAtMostEvery = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Dictionary<string, TKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _keysExpire = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    /// <summary>The key <paramref name="kid"/>, or null when the set does not have it.</summary>
    public async Task<TKey?> KeyAsync(string kid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _keysExpire && _keys.TryGetValue(kid, out var cached))
            return cached;
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if ((now >= _keysExpire || !_keys.ContainsKey(kid)) && now - _lastFetch > RefetchAtMostEvery)
            {
                _lastFetch = now;
                using var response = await http.GetAsync(uri(), cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                var keys = new Dictionary<string, TKey>(StringComparer.Ordinal);
                foreach (var jwk in document.RootElement.GetProperty("keys").EnumerateArray())
                {
                    if (parse(jwk) is { } parsed)
                        keys[parsed.Kid] = parsed.Key;
                }
                _keys = keys;
                _keysExpire = now + (response.Headers.CacheControl?.MaxAge ?? TimeSpan.FromHours(1));
            }
            return _keys.TryGetValue(kid, out var key) ? key : null;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
