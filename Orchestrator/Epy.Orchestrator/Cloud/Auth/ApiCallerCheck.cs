using Epy.Orchestrator.Cloud.Push;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Auth;

/// <summary>
/// Refuses (401) a state-changing API request in cloud mode whose identity token is not Google-signed for
/// one of <see cref="ApiCallerOptions.Audiences"/> and an <see cref="ApiCallerOptions.AllowedPrincipals"/>
/// account. Reads pass (Cloud Run IAM or IAP guards them, and the dashboard reads through a proxy);
/// without <see cref="ApiCallerOptions"/> registered (local mode, loopback only) every request passes.
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
        var verifier = http.RequestServices.GetRequiredService<OidcTokenVerifier>();
        var check = await verifier.VerifyAsync(http.Request.Headers.Authorization.FirstOrDefault(), [.. options.Audiences], options.Allows, http.RequestAborted).ConfigureAwait(false);
        return check.Valid
            ? await next(context).ConfigureAwait(false)
            : TypedResults.Problem(check.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "caller refused");
    }
}
