using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Epy.Testing;

namespace Epy.Engine.Tests.Demography;

/// <summary>
/// A real HTTP server on 127.0.0.1 that serves <c>GET /{version}/{path}</c> from
/// <c>{dataRoot}/{path}</c>, like raw.githubusercontent.com serves a repository at a git ref,
/// answers 404 for anything else, and counts the requests it receives.
/// </summary>
public sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _version;
    private readonly string _dataRoot;
    private readonly ConcurrentDictionary<string, string> _replacements = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    public LocalFileServer(string version, string dataRoot)
    {
        _version = version;
        _dataRoot = Path.GetFullPath(dataRoot);
        _listener = LoopbackHttp.Start(out var baseUri);
        BaseUri = baseUri;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The paths requested so far, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Answers <paramref name="urlPath"/> (e.g. <c>/v1/data/...</c>) with <paramref name="body"/> instead of the file.</summary>
    public void Replace(string urlPath, string body) => _replacements[urlPath] = body;

    public void Dispose()
    {
        LoopbackHttp.CloseQuietly(_listener);
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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
            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        _requests.Enqueue(path);
        using var response = context.Response;
        if (_replacements.TryGetValue(path, out var replacement))
        {
            await WriteAsync(response, 200, Encoding.UTF8.GetBytes(replacement));
            return;
        }
        var prefix = $"/{_version}/";
        var file = path.StartsWith(prefix, StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(_dataRoot, Uri.UnescapeDataString(path[prefix.Length..])))
            : null;
        if (file is null || !file.StartsWith(_dataRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            await WriteAsync(response, 404, Encoding.UTF8.GetBytes("404: Not Found"));
            return;
        }
        await WriteAsync(response, 200, await File.ReadAllBytesAsync(file));
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }
}
