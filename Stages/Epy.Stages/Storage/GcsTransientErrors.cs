using System.Net;

namespace Epy.Stages.Storage;

/// <summary>Which Cloud Storage answers are worth retrying: the documented transient ones.</summary>
internal static class GcsTransientErrors
{
    /// <summary>408, 429, 500, 502, 503 and 504.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;
}
