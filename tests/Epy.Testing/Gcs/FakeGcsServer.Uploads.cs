using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Epy.Testing.Gcs;

/// <summary>The fake's upload endpoints: multipart inserts and resumable sessions.</summary>
public sealed partial class FakeGcsServer
{
    private FakeReply InsertMultipart(FakeRequest request)
    {
        var contentType = request.Headers["Content-Type"] ?? string.Empty;
        if (!contentType.StartsWith("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            return Error(HttpStatusCode.BadRequest, $"Expected multipart/related, got '{contentType}'.");
        }

        var boundary = contentType.Split(';').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))?["boundary=".Length..].Trim('"');
        var parts = boundary is null ? null : MultipartParts(request.Body, boundary);
        if (parts is not { Count: 2 })
        {
            return Error(HttpStatusCode.BadRequest, "A multipart upload has exactly two parts: JSON metadata, then the media.");
        }

        var (metadataHeaders, metadataBody) = parts[0];
        if (!metadataHeaders.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error(HttpStatusCode.BadRequest, "The first part must be application/json metadata.");
        }

        using var metadata = JsonDocument.Parse(metadataBody);
        var name = request.Query("name") ?? (metadata.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null);
        if (string.IsNullOrEmpty(name))
        {
            return Error(HttpStatusCode.BadRequest, "Required parameter: name");
        }

        var (mediaHeaders, media) = parts[1];
        var mediaType = metadata.RootElement.TryGetProperty("contentType", out var t) ? t.GetString()! : HeaderValue(mediaHeaders, "Content-Type") ?? "application/octet-stream";
        return CheckPrecondition(name, request.Query("ifGenerationMatch")) ?? Store(name, mediaType, media);
    }

    private FakeReply StartResumable(FakeRequest request)
    {
        string? metadataName = null;
        string? metadataType = null;
        if (request.Body.Length > 0)
        {
            using var metadata = JsonDocument.Parse(request.Body);
            metadataName = metadata.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
            metadataType = metadata.RootElement.TryGetProperty("contentType", out var t) ? t.GetString() : null;
        }

        var name = request.Query("name") ?? metadataName;
        if (string.IsNullOrEmpty(name))
        {
            return Error(HttpStatusCode.BadRequest, "Required parameter: name");
        }

        var id = Guid.NewGuid().ToString("N");
        var contentType = metadataType ?? request.Headers["X-Upload-Content-Type"] ?? "application/octet-stream";
        _sessions[id] = new UploadSession(name, contentType, request.Query("ifGenerationMatch"));
        var location = new Uri(BaseUri, $"upload/storage/v1/b/{Bucket}/o?uploadType=resumable&upload_id={id}");
        return new FakeReply(HttpStatusCode.OK, [], "text/plain") { Headers = [("Location", location.ToString())] };
    }

    private FakeReply PutChunk(FakeRequest request)
    {
        if (request.Query("upload_id") is not { } id || !_sessions.TryGetValue(id, out var session))
        {
            return Error(HttpStatusCode.NotFound, "No such upload session.");
        }

        var range = request.Headers["Content-Range"];
        if (range is null || !range.StartsWith("bytes ", StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.BadRequest, $"Bad Content-Range '{range}'.");
        }

        var spec = range["bytes ".Length..].Split('/');
        long? total = spec[1] == "*" ? null : long.Parse(spec[1], CultureInfo.InvariantCulture);
        if (session.Completed is { } done)
        {
            return Json(HttpStatusCode.OK, done);
        }

        if (spec[0] == "*")
        {
            // "bytes */{total}" with every byte held finishes the upload: how an empty object (or a total
            // learned only at the end) is sent. Otherwise it asks how much the session holds.
            return total is { } whole && whole == session.Data.Length ? Finish(session) : Incomplete(session);
        }

        var bounds = spec[0].Split('-');
        var start = long.Parse(bounds[0], CultureInfo.InvariantCulture);
        var end = long.Parse(bounds[1], CultureInfo.InvariantCulture) + 1;
        if (end - start != request.Body.Length)
        {
            return Error(HttpStatusCode.BadRequest, $"Content-Range {range} does not match a body of {request.Body.Length} bytes.");
        }

        var isFinal = total is not null && end == total;
        if (total is not null && end > total)
        {
            return Error(HttpStatusCode.BadRequest, $"Content-Range {range} goes past the total.");
        }

        if (!isFinal && end % Granularity != 0)
        {
            return Error(HttpStatusCode.BadRequest, "A chunk other than the last must end on a multiple of 256 KiB.");
        }

        if (start > session.Data.Length)
        {
            return Error(HttpStatusCode.BadRequest, $"Chunk starts at {start} but the session holds {session.Data.Length} bytes.");
        }

        var skip = (int)(session.Data.Length - start);
        var fresh = request.Body.AsSpan(Math.Min(skip, request.Body.Length));
        if (_interruptKeep is { } keep && _interruptSkip-- <= 0)
        {
            _interruptKeep = null;
            var kept = Math.Min(keep, fresh.Length) / Granularity * Granularity;
            session.Data.Write(fresh[..kept]);
            return Error(HttpStatusCode.ServiceUnavailable, "Injected failure mid-chunk.");
        }

        session.Data.Write(fresh);
        if (!isFinal)
        {
            return Incomplete(session);
        }

        return Finish(session);
    }

    private FakeReply Finish(UploadSession session)
    {
        if (CheckPrecondition(session.Name, session.IfGenerationMatch) is { } failed)
        {
            return failed;
        }

        var reply = Store(session.Name, session.ContentType, session.Data.ToArray());
        session.Completed = Resource(session.Name, _objects[session.Name]);
        return reply;
    }

    private static FakeReply Incomplete(UploadSession session)
    {
        var reply = new FakeReply((HttpStatusCode)308, [], "text/plain");
        return session.Data.Length == 0
            ? reply
            : reply with { Headers = [("Range", $"bytes=0-{session.Data.Length - 1}")] };
    }

    /// <summary>The parts of a multipart body as (headers, content), or null when it is malformed.</summary>
    private static List<(string Headers, byte[] Content)>? MultipartParts(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(string, byte[])>();
        var position = body.AsSpan().IndexOf(delimiter);
        if (position < 0)
        {
            return null;
        }

        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return parts;
            }

            position += 2; // CRLF after the delimiter
            var next = body.AsSpan(position).IndexOf(delimiter);
            if (next < 0)
            {
                return null;
            }

            var part = body.AsSpan(position, next - 2); // drop the CRLF before the delimiter
            var split = part.IndexOf("\r\n\r\n"u8);
            if (split < 0)
            {
                return null;
            }

            parts.Add((Encoding.ASCII.GetString(part[..split]), part[(split + 4)..].ToArray()));
            position += next;
        }
    }

    private static string? HeaderValue(string headers, string name) => headers.Split("\r\n")
        .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(line => line[(name.Length + 1)..].Trim())
        .FirstOrDefault();
}
