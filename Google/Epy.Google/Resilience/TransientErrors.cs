using System.Net;
using Google;
using Polly;
using Polly.Timeout;

namespace Epy.Google.Resilience;

/// <summary>
/// The one classifier of Google API failures worth another try, for every pipeline of every program: the
/// documented transient answers (408, 429, 500, 502, 503, 504), network errors and timeouts.
/// </summary>
public static class TransientErrors
{
    /// <summary>408, 429, 500, 502, 503 and 504.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>Whether <paramref name="failure"/> is worth another try; <paramref name="callerToken"/> tells a caller's cancellation from a timeout.</summary>
    public static bool IsTransient(Exception? failure, CancellationToken callerToken) => failure switch
    {
        GoogleApiException api => IsTransient(api.HttpStatusCode),
        HttpRequestException or IOException or TimeoutRejectedException or TimeoutException => true,
        // An HTTP client's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Whether an HTTP attempt's outcome (an answer or a failure) is worth another try.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) =>
        outcome.Exception is { } failure ? IsTransient(failure, callerToken) : outcome.Result is { } response && IsTransient(response.StatusCode);
}
