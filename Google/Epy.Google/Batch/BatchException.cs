using System.Net;
using System.Text.Json;

namespace Epy.Google.Batch;

/// <summary>Cloud Batch answered with an error: its HTTP status, Google's status name (<c>ALREADY_EXISTS</c>, ...) and message.</summary>
public sealed class BatchException : Exception
{
    private const int DetailLength = 300;

    /// <summary>Creates the exception.</summary>
    public BatchException(HttpStatusCode statusCode, string? status, string detail)
        : base($"Batch answered {(int)statusCode}{(status is null ? "" : " " + status)}: {detail}")
    {
        StatusCode = statusCode;
        Status = status;
        Detail = detail;
    }

    /// <summary>Creates an exception with no status.</summary>
    public BatchException() : this(HttpStatusCode.InternalServerError, null, "unknown error") { }

    /// <summary>Creates an exception with no status.</summary>
    public BatchException(string message) : this(HttpStatusCode.InternalServerError, null, message) { }

    /// <summary>Creates an exception with no status.</summary>
    public BatchException(string message, Exception inner) : base(message, inner)
    {
        StatusCode = HttpStatusCode.InternalServerError;
        Detail = message;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Google's status name from the error body (<c>ALREADY_EXISTS</c>, <c>PERMISSION_DENIED</c>, ...), when it has one.</summary>
    public string? Status { get; }

    /// <summary>The error's message, or the start of a body that is not Google's error shape; <c>(no body)</c> when empty.</summary>
    public string Detail { get; }

    /// <summary>The exception of an answer of <paramref name="statusCode"/> with <paramref name="body"/> (<c>{"error": {"code", "message", "status"}}</c>).</summary>
    public static BatchException FromAnswer(HttpStatusCode statusCode, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return new BatchException(statusCode, null, "(no body)");
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var status = error.TryGetProperty("status", out var s) ? s.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return new BatchException(statusCode, status, message ?? "(no message)");
            }
        }
        catch (JsonException)
        {
        }
        return new BatchException(statusCode, null, body.Length > DetailLength ? body[..DetailLength] : body);
    }
}
