using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Epy.Testing.Gcs;

/// <summary>
/// A Cloud Storage JSON API v1 server on http://127.0.0.1:{free port}/ for one bucket, holding objects
/// in memory with the documented semantics of the endpoints the store uses: multipart and resumable
/// uploads (308 with a Range header while incomplete, chunks in multiples of 256 KiB, gzip request bodies,
/// CRC32C and MD5 hashes in resources and <c>x-goog-hash</c>), generations and
/// <c>ifGenerationMatch</c> (412), media and metadata reads, paged listing (<c>maxResults</c>,
/// <c>pageToken</c>), deletes and 404s. It checks the bearer token, and can inject faults.
/// </summary>
public sealed partial class FakeGcsServer : IDisposable
{
    public const string Token = "fake-token";
    private const int Granularity = 256 * 1024;

    private readonly HttpListener _listener;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadSession> _sessions = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;
    private readonly bool _anonymous;
    private long _generation = 1_700_000_000_000_000;
    private int _failNext;
    private HttpStatusCode _failStatus;
    private int? _interruptKeep;
    private int _interruptSkip;
    private int _stallNext;
    private TimeSpan _stall;

    /// <param name="bucket">The one bucket it serves.</param>
    /// <param name="anonymous">Accept calls without a token too, as an emulator does (STORAGE_EMULATOR_HOST).</param>
    public FakeGcsServer(string bucket = "test-bucket", bool anonymous = false)
    {
        Bucket = bucket;
        _anonymous = anonymous;
        _listener = LoopbackHttp.Start(out var baseUri);
        BaseUri = baseUri;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string Bucket { get; }

    public Uri BaseUri { get; }

    /// <summary>The page size when a list request names no <c>maxResults</c> (the real default is 1,000).</summary>
    public int DefaultMaxResults { get; set; } = 1000;

    /// <summary>Every request seen, as <c>METHOD raw-url [Content-Range]</c>, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>, unprocessed.</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failNext = count;
            _failStatus = status;
        }
    }

    /// <summary>
    /// The next resumable chunk persists only its first <paramref name="keepBytes"/> bytes (rounded down to
    /// 256 KiB, as the real service does) and then fails with 503, as a connection dropped mid-chunk would;
    /// <paramref name="skipChunks"/> chunks pass untouched first.
    /// </summary>
    public void InterruptNextChunk(int keepBytes, int skipChunks = 0)
    {
        lock (_gate)
        {
            _interruptKeep = keepBytes;
            _interruptSkip = skipChunks;
        }
    }

    /// <summary>The next <paramref name="count"/> requests wait <paramref name="stall"/> before they are processed, as a hung connection would.</summary>
    public void StallNext(int count, TimeSpan stall)
    {
        lock (_gate)
        {
            _stallNext = count;
            _stall = stall;
        }
    }

    /// <summary>The stored bytes of <paramref name="name"/>, or null.</summary>
    public byte[]? ObjectBytes(string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(name, out var stored) ? stored.Data : null;
        }
    }

    /// <summary>The stored content type of <paramref name="name"/>, or null.</summary>
    public string? ObjectContentType(string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(name, out var stored) ? stored.ContentType : null;
        }
    }

    public void Dispose()
    {
        LoopbackHttp.CloseQuietly(_listener);
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var buffer = new MemoryStream();
            // The official client compresses request bodies (Content-Encoding: gzip), which Cloud Storage accepts.
            if (string.Equals(context.Request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            {
                await using var gunzip = new System.IO.Compression.GZipStream(context.Request.InputStream, System.IO.Compression.CompressionMode.Decompress);
                await gunzip.CopyToAsync(buffer);
            }
            else
            {
                await context.Request.InputStream.CopyToAsync(buffer);
            }

            var request = new FakeRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", context.Request.Headers, buffer.ToArray());
            TimeSpan? stall = null;
            lock (_gate)
            {
                if (_stallNext > 0)
                {
                    _stallNext--;
                    stall = _stall;
                }
            }

            if (stall is { } wait)
            {
                // The client gives up first; whatever this answers later goes nowhere.
                await Task.Delay(wait);
                return;
            }

            _requests.Enqueue($"{request.Method} {request.RawUrl} {request.Headers["Content-Range"]}".TrimEnd());
            var reply = Route(request);
            response.StatusCode = (int)reply.Status;
            foreach (var (name, value) in reply.Headers)
            {
                response.AddHeader(name, value);
            }

            response.ContentType = reply.ContentType;
            response.ContentLength64 = reply.Body.Length;
            await response.OutputStream.WriteAsync(reply.Body);
        }
        catch (Exception e)
        {
            response.StatusCode = 500;
            var body = Encoding.UTF8.GetBytes(e.ToString());
            await response.OutputStream.WriteAsync(body);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The server stopped or the client left (a stalled request): nobody is listening for this answer.
            }
        }
    }

    private FakeReply Route(FakeRequest request)
    {
        if (request.Headers["Authorization"] != $"Bearer {Token}" && !(_anonymous && request.Headers["Authorization"] is null))
        {
            return Error(HttpStatusCode.Unauthorized, "Missing or invalid bearer token.");
        }

        lock (_gate)
        {
            if (_failNext > 0)
            {
                _failNext--;
                return Error(_failStatus, "Injected failure.");
            }

            var uploadRoot = $"/upload/storage/v1/b/{Bucket}/o";
            var objectRoot = $"/storage/v1/b/{Bucket}/o";
            return (request.Method, request.Path) switch
            {
                ("POST", var p) when p == uploadRoot => request.Query("uploadType") switch
                {
                    "multipart" => InsertMultipart(request),
                    "resumable" => StartResumable(request),
                    var other => Error(HttpStatusCode.BadRequest, $"Unsupported uploadType '{other}'."),
                },
                ("PUT", var p) when p == uploadRoot && request.Query("uploadType") == "resumable" => PutChunk(request),
                ("GET", var p) when p == objectRoot => List(request),
                (_, var p) when p.StartsWith(objectRoot + "/", StringComparison.Ordinal) => ObjectRequest(request, p[(objectRoot.Length + 1)..]),
                _ => Error(HttpStatusCode.NotFound, $"No route for {request.Method} {request.Path} (bucket '{Bucket}')."),
            };
        }
    }

    /// <summary>Null when the <c>ifGenerationMatch</c> precondition holds (or is absent), else the 412.</summary>
    private FakeReply? CheckPrecondition(string name, string? ifGenerationMatch)
    {
        if (ifGenerationMatch is null)
        {
            return null;
        }

        var expected = long.Parse(ifGenerationMatch, System.Globalization.CultureInfo.InvariantCulture);
        var current = _objects.TryGetValue(name, out var stored) ? stored.Generation : 0;
        return current == expected ? null : Error(HttpStatusCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold.");
    }

    private FakeReply Store(string name, string contentType, byte[] data)
    {
        var stored = new StoredObject(data, contentType, ++_generation);
        _objects[name] = stored;
        return Json(HttpStatusCode.OK, Resource(name, stored));
    }

    private Dictionary<string, object> Resource(string name, StoredObject stored) => new()
    {
        ["kind"] = "storage#object",
        ["id"] = $"{Bucket}/{name}/{stored.Generation}",
        ["name"] = name,
        ["bucket"] = Bucket,
        ["generation"] = stored.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["size"] = stored.Data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["contentType"] = stored.ContentType,
        ["crc32c"] = Crc32cBase64(stored.Data),
        ["md5Hash"] = Md5Base64(stored.Data),
    };

    private static FakeReply Json(HttpStatusCode status, object body)
        => new(status, JsonSerializer.SerializeToUtf8Bytes(body), "application/json; charset=UTF-8");

    private static FakeReply Error(HttpStatusCode status, string message)
        => Json(status, new { error = new { code = (int)status, message, errors = new[] { new { message, reason = status.ToString() } } } });
}
