using System.Net;
using System.Text;

namespace Epy.Testing.Gcs;

/// <summary>The fake's object endpoints: media and metadata reads, deletes, and paged listing (with <c>delimiter</c> folders).</summary>
public sealed partial class FakeGcsServer
{
    private FakeReply ObjectRequest(FakeRequest request, string escapedName)
    {
        // The API takes the name as one percent-encoded segment: an unencoded '/' is another route.
        if (escapedName.Contains('/', StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.NotFound, "Not Found");
        }

        var name = Uri.UnescapeDataString(escapedName);
        if (!_objects.TryGetValue(name, out var stored))
        {
            return Error(HttpStatusCode.NotFound, $"No such object: {Bucket}/{name}");
        }

        switch (request.Method)
        {
            case "GET" when request.Query("alt") == "media":
                return new FakeReply(HttpStatusCode.OK, Transferred(stored.Data), stored.ContentType) { Headers = [("x-goog-hash", GoogHash(stored.Data))] };
            case "GET":
                return Json(HttpStatusCode.OK, Resource(name, stored));
            case "DELETE":
                _objects.Remove(name);
                return new FakeReply(HttpStatusCode.NoContent, [], "application/json");
            default:
                return Error(HttpStatusCode.MethodNotAllowed, "Method not allowed.");
        }
    }

    /// <summary>Stores <paramref name="name"/> directly (test arrangement), as a finished upload would.</summary>
    public void Put(string name, byte[] data, string contentType = "application/octet-stream")
    {
        lock (_gate)
        {
            Store(name, contentType, data);
        }
    }

    private FakeReply List(FakeRequest request)
    {
        var prefix = request.Query("prefix") ?? string.Empty;
        var delimiter = request.Query("delimiter") is { Length: > 0 } d ? d : null;
        var max = int.TryParse(request.Query("maxResults"), out var asked) ? Math.Min(asked, 1000) : DefaultMaxResults;
        var after = request.Query("pageToken") is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        // With a delimiter, names with it after the prefix collapse into one "prefixes" entry each (up to and
        // including the delimiter); objects and prefixes page together in name order.
        var entries = new SortedDictionary<string, StoredObject?>(StringComparer.Ordinal);
        foreach (var (key, value) in _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var cut = delimiter is null ? -1 : key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            if (cut < 0)
                entries[key] = value;
            else
                entries[key[..(cut + delimiter!.Length)]] = null;
        }
        var matching = entries.Where(e => after is null || string.CompareOrdinal(e.Key, after) > 0).ToList();
        var page = matching.Take(max).ToList();
        var body = new Dictionary<string, object> { ["kind"] = "storage#objects" };
        var items = page.Where(e => e.Value is not null).Select(e => Resource(e.Key, e.Value!)).ToList();
        if (items.Count > 0)
        {
            body["items"] = items;
        }

        var prefixes = page.Where(e => e.Value is null).Select(e => e.Key).ToList();
        if (prefixes.Count > 0)
        {
            body["prefixes"] = prefixes;
        }

        if (matching.Count > page.Count)
        {
            body["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key));
        }

        return Json(HttpStatusCode.OK, body);
    }
}
