using System.Net;
using System.Text;

namespace Epy.Stages.Tests.Storage;

/// <summary>The fake's object endpoints: media and metadata reads, deletes, and paged listing.</summary>
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
                return new FakeReply(HttpStatusCode.OK, stored.Data, stored.ContentType);
            case "GET":
                return Json(HttpStatusCode.OK, Resource(name, stored));
            case "DELETE":
                _objects.Remove(name);
                return new FakeReply(HttpStatusCode.NoContent, [], "application/json");
            default:
                return Error(HttpStatusCode.MethodNotAllowed, "Method not allowed.");
        }
    }

    private FakeReply List(FakeRequest request)
    {
        var prefix = request.Query("prefix") ?? string.Empty;
        var max = int.TryParse(request.Query("maxResults"), out var asked) ? Math.Min(asked, 1000) : DefaultMaxResults;
        var after = request.Query("pageToken") is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        var matching = _objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(o.Key, after) > 0))
            .ToList();
        var page = matching.Take(max).ToList();
        var body = new Dictionary<string, object> { ["kind"] = "storage#objects" };
        if (page.Count > 0)
        {
            body["items"] = page.Select(o => Resource(o.Key, o.Value)).ToList();
        }

        if (matching.Count > page.Count)
        {
            body["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key));
        }

        return Json(HttpStatusCode.OK, body);
    }
}
