using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Epy.Orchestrator.Api;

/// <summary>
/// The local server's guard against DNS rebinding and framing: a request whose <c>Host</c> is not
/// <c>127.0.0.1:{port}</c>, <c>localhost:{port}</c> or <c>[::1]:{port}</c> (the port the request came in on)
/// is refused with 421, so a page on a name that resolves to 127.0.0.1 cannot start or cancel runs; every
/// answer carries <see cref="NoFramingHeaders"/>, so no page can frame the dashboard's buttons.
/// </summary>
public sealed class LoopbackHostCheck(RequestDelegate next)
{
    /// <summary>Checks the request's host and adds the anti-framing headers.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        NoFramingHeaders.Add(context.Response);
        if (IsLoopbackHost(context.Request.Headers.Host.ToString(), context.Connection.LocalPort))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("this server answers only to 127.0.0.1, localhost or [::1] on its own port\n");
    }

    /// <summary>True when <paramref name="host"/> (a Host header) names this machine's loopback on <paramref name="port"/>.</summary>
    public static bool IsLoopbackHost(string? host, int port)
    {
        if (host is not { Length: > 0 })
            return false;
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(host, $"127.0.0.1:{portText}", StringComparison.Ordinal)
            || string.Equals(host, $"localhost:{portText}", StringComparison.OrdinalIgnoreCase)
            || string.Equals(host, $"[::1]:{portText}", StringComparison.Ordinal);
    }
}
