using System.Net;

namespace Epy.Google.Logging;

/// <summary>Cloud Logging refused a call (its HTTP status and the start of its answer) or could not be reached (no status).</summary>
public sealed class CloudLoggingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudLoggingException(HttpStatusCode? statusCode, string message, Exception? inner = null)
        : base(message, inner) => StatusCode = statusCode;

    /// <summary>Creates an exception with no status.</summary>
    public CloudLoggingException() : this(null, "Cloud Logging failed") { }

    /// <summary>Creates an exception with no status.</summary>
    public CloudLoggingException(string message) : this(null, message) { }

    /// <summary>Creates an exception with no status.</summary>
    public CloudLoggingException(string message, Exception inner) : this(null, message, inner) { }

    /// <summary>The HTTP status Cloud Logging answered; null when it could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }
}
