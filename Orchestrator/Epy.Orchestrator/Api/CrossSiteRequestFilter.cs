using Microsoft.AspNetCore.Http;

namespace Epy.Orchestrator.Api;

/// <summary>
/// Refuses (403) a state-changing request a browser sent from another site: one whose
/// <c>Sec-Fetch-Site</c> is <c>cross-site</c> or <c>same-site</c>, or, from browsers that do not send
/// that header, whose <c>Origin</c> is not this host. So a page elsewhere cannot make a visitor's
/// browser start or cancel runs; the dashboard (same origin), the CLI, Cloud Scheduler and Pub/Sub
/// (no such headers) pass.
/// </summary>
public sealed class CrossSiteRequestFilter : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return next(context);
        return IsCrossSite(request.Headers["Sec-Fetch-Site"].FirstOrDefault(), request.Headers.Origin.FirstOrDefault(), request.Host.Value)
            ? ValueTask.FromResult<object?>(TypedResults.Problem("requests from another site's pages are refused", statusCode: StatusCodes.Status403Forbidden, title: "cross-site request"))
            : next(context);
    }

    /// <summary>True when the headers show a browser sending the request for another site's page.</summary>
    public static bool IsCrossSite(string? fetchSite, string? origin, string? host)
    {
        if (fetchSite is { Length: > 0 })
            return fetchSite is not ("same-origin" or "none");
        if (origin is not { Length: > 0 })
            return false;
        // Compared by host and port only: behind Cloud Run's proxy the scheme the service sees is http.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, host, StringComparison.OrdinalIgnoreCase);
    }
}
