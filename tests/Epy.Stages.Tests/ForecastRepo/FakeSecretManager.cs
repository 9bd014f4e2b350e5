using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>
/// Secret Manager's REST v1 <c>projects.secrets.versions.access</c> on 127.0.0.1: <c>GET /v1/projects/{p}/secrets/{s}/versions/{v}:access</c>
/// answers <c>{"name": ..., "payload": {"data": base64}}</c> for a stored secret (<c>latest</c> or its version number),
/// 404 otherwise, 401 without the bearer token, and can fail the next requests with a given status.
/// </summary>
public sealed class FakeSecretManager : IDisposable
{
    public const string AccessToken = "fake-oauth-token";

    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly LoopbackListener _listener;
    private int _failNext;
    private HttpStatusCode _failStatus;

    public FakeSecretManager() => _listener = new LoopbackListener(HandleAsync);

    public Uri BaseUri => _listener.BaseUri;

    /// <summary>Every request, as <c>METHOD raw-url</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Stores version 1 of <c>projects/{project}/secrets/{secret}</c>.</summary>
    public void Add(string project, string secret, string value) => _secrets[$"projects/{project}/secrets/{secret}"] = Encoding.UTF8.GetBytes(value);

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status)
    {
        _failStatus = status;
        Volatile.Write(ref _failNext, count);
    }

    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        _requests.Enqueue($"{request.HttpMethod} {request.RawUrl}");
        var (status, body) = Answer(request.HttpMethod, request.RawUrl ?? "/", request.Headers["Authorization"]);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    private (HttpStatusCode, object) Answer(string method, string rawUrl, string? authorization)
    {
        if (authorization != $"Bearer {AccessToken}")
            return Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        if (Interlocked.Decrement(ref _failNext) >= 0)
            return Error(_failStatus, "UNAVAILABLE", "Injected failure.");
        var path = rawUrl.Split('?')[0];
        if (method != "GET" || !path.StartsWith("/v1/", StringComparison.Ordinal) || !path.EndsWith(":access", StringComparison.Ordinal))
            return Error(HttpStatusCode.NotFound, "NOT_FOUND", $"No route for {method} {path}.");
        var name = path["/v1/".Length..^":access".Length];
        var parts = name.Split('/');
        if (parts is not ["projects", _, "secrets", _, "versions", var version] || version is not ("latest" or "1")
            || !_secrets.TryGetValue(string.Join('/', parts[..4]), out var data))
        {
            return Error(HttpStatusCode.NotFound, "NOT_FOUND", $"Secret [{name}] not found or has no versions.");
        }
        return (HttpStatusCode.OK, new { name = $"{string.Join('/', parts[..4])}/versions/1", payload = new { data = Convert.ToBase64String(data), dataCrc32c = "0" } });
    }

    private static (HttpStatusCode, object) Error(HttpStatusCode status, string code, string message) =>
        (status, new { error = new { code = (int)status, message, status = code } });
}
