using Epy.Orchestrator.Cloud.Push;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// Lets a state-changing API request in cloud mode through only with a Google-signed identity token for one of
/// <see cref="ApiCallerOptions.Audiences"/> from an <see cref="ApiCallerOptions.AllowedPrincipals"/> account, or, behind
/// Identity-Aware Proxy, an IAP assertion (<see cref="IapAssertionVerifier"/>) for one of
/// <see cref="ApiCallerOptions.IapAudiences"/> from such an account; anything else is refused (401). Reads pass (Cloud
/// Run IAM or IAP guards them, and the dashboard reads through a proxy); without <see cref="ApiCallerOptions"/>
/// registered (local mode, loopback only) every request passes.
/// </summary>
public sealed class ApiCallerCheck : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            return await next(context).ConfigureAwait(false);
        if (http.RequestServices.GetService<ApiCallerOptions>() is not { VerifyTokens: true } options)
            return await next(context).ConfigureAwait(false);
        var check = await CheckAsync(http, options).ConfigureAwait(false);
        return check.Valid
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem(check.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "caller refused");
    }

    /// <summary>
    /// An IAP assertion when the request carries one and IAP audiences are configured (the dashboard behind IAP),
    /// else, or when it fails, the caller's Google identity token (epycloud, the scheduler, <c>gcloud run services proxy</c>).
    /// </summary>
    private static async Task<TokenCheck> CheckAsync(HttpContext http, ApiCallerOptions options)
    {
        var authorization = http.Request.Headers.Authorization.FirstOrDefault();
        if (options.IapAudiences.Count > 0 && http.Request.Headers[IapAssertionVerifier.Header].FirstOrDefault() is { } assertion)
        {
            var iap = await http.RequestServices.GetRequiredService<IapAssertionVerifier>().VerifyAsync(assertion, http.RequestAborted).ConfigureAwait(false);
            if (iap.Valid || authorization is null)
                return iap;
        }
        var verifier = http.RequestServices.GetRequiredService<OidcTokenVerifier>();
        return await verifier.VerifyAsync(authorization, [.. options.Audiences], options.Allows, http.RequestAborted).ConfigureAwait(false);
    }
}
