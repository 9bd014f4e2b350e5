using Microsoft.AspNetCore.Http;

namespace Epy.Orchestrator.Api;

/// <summary>
/// The headers that forbid other sites to frame a page (so the dashboard's Cancel button cannot be
/// clickjacked): <c>Content-Security-Policy: frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>
/// for older browsers. Added to every answer, in both modes.
/// </summary>
public sealed class NoFramingHeaders(RequestDelegate next)
{
    /// <summary>Adds the headers, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Add(context.Response);
        return next(context);
    }

    /// <summary>Sets the two headers on <paramref name="response"/> before it starts.</summary>
    public static void Add(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        response.Headers.XFrameOptions = "DENY";
    }
}
