using System.Diagnostics;
using System.Net;
using System.Text;
using Epy.Stages.ForecastRepo;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>
/// A git smart-HTTP server on 127.0.0.1 for the bare repositories under a folder: real <c>git http-backend</c>
/// run as a CGI program per request, behind basic authentication as GitHub does it for tokens (any user,
/// the token as password); a request without the right <c>Authorization</c> header gets 401.
/// </summary>
public sealed class FakeGitHttpServer : IDisposable
{
    private readonly string _projectRoot;
    private readonly string _expectedAuthorization;
    private readonly LoopbackListener _listener;
    private int _authorized;
    private int _refused;

    public FakeGitHttpServer(string projectRoot, string token)
    {
        _projectRoot = projectRoot;
        _expectedAuthorization = GitCommands.AuthorizationHeader(token)["Authorization: ".Length..];
        _listener = new LoopbackListener(HandleAsync);
    }

    public Uri BaseUri => _listener.BaseUri;

    /// <summary>Requests that carried the expected <c>Authorization</c> header.</summary>
    public int AuthorizedRequests => Volatile.Read(ref _authorized);

    /// <summary>Requests refused with 401.</summary>
    public int RefusedRequests => Volatile.Read(ref _refused);

    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Headers["Authorization"] != _expectedAuthorization)
        {
            Interlocked.Increment(ref _refused);
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"fake-git\"");
            return;
        }
        Interlocked.Increment(ref _authorized);

        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("http-backend");
        start.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GATEWAY_INTERFACE"] = "CGI/1.1";
        start.Environment["SERVER_PROTOCOL"] = "HTTP/1.1";
        start.Environment["REQUEST_METHOD"] = request.HttpMethod;
        start.Environment["PATH_INFO"] = request.Url!.AbsolutePath;
        start.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? string.Empty;
        start.Environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers["Content-Encoding"] ?? string.Empty;
        start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"] ?? string.Empty;
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["REMOTE_USER"] = GitCommands.TokenUser;
        using var backend = Process.Start(start)!;
        var stderr = backend.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        var copy = backend.StandardOutput.BaseStream.CopyToAsync(stdout);
        await backend.StandardInput.BaseStream.WriteAsync(body.ToArray());
        backend.StandardInput.Close();
        await copy;
        await backend.WaitForExitAsync();
        await stderr;
        var output = stdout.ToArray();
        var headerLength = HeaderLength(output);
        WriteCgiHeaders(Encoding.ASCII.GetString(output, 0, headerLength), response);
        response.ContentLength64 = output.Length - headerLength;
        await response.OutputStream.WriteAsync(output.AsMemory(headerLength));
    }

    /// <summary>The length of the CGI header block, blank line included.</summary>
    private static int HeaderLength(byte[] output)
    {
        for (var i = 0; i + 1 < output.Length; i++)
        {
            if (output[i] == '\n' && output[i + 1] == '\n')
                return i + 2;
            if (i + 3 < output.Length && output[i] == '\r' && output[i + 1] == '\n' && output[i + 2] == '\r' && output[i + 3] == '\n')
                return i + 4;
        }
        return 0;
    }

    /// <summary>Copies the CGI headers to the response: <c>Status</c> to the status code, the others as they are.</summary>
    private static void WriteCgiHeaders(string headers, HttpListenerResponse response)
    {
        response.StatusCode = 200;
        foreach (var line in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                response.ContentType = value;
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                response.AddHeader(name, value);
        }
    }
}
