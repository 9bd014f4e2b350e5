using System.Net;

namespace Epy.Google.Firestore;

/// <summary>Firestore refused a call: its HTTP status, its canonical status name (<c>ABORTED</c>, ...) and message.</summary>
public sealed class FirestoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FirestoreException(HttpStatusCode httpStatus, string status, string message, TimeSpan? retryAfter = null)
        : base($"Firestore answered {(int)httpStatus} {status}: {message}")
    {
        HttpStatus = httpStatus;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception with no status.</summary>
    public FirestoreException() : this(HttpStatusCode.InternalServerError, "UNKNOWN", "unknown error") { }

    /// <summary>Creates an exception with no status.</summary>
    public FirestoreException(string message) : this(HttpStatusCode.InternalServerError, "UNKNOWN", message) { }

    /// <summary>Creates an exception with no status.</summary>
    public FirestoreException(string message, Exception inner) : base(message, inner)
    {
        HttpStatus = HttpStatusCode.InternalServerError;
        Status = "UNKNOWN";
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The canonical status name from the error body (<c>ABORTED</c>, <c>ALREADY_EXISTS</c>, ...), or <c>UNKNOWN</c>.</summary>
    public string Status { get; }

    /// <summary>How long the server asked to wait (the Retry-After header), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Overload or an outage: 429 and 5xx (RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED).
    /// Worth repeating an idempotent call after a pause.
    /// </summary>
    public bool IsTransient => (int)HttpStatus is 408 or 429 or >= 500;

    /// <summary>
    /// Lost a race: ABORTED (lock contention, an expired transaction), or, for a transaction whose
    /// preconditions come from its own reads, ALREADY_EXISTS and FAILED_PRECONDITION. Worth running the
    /// whole transaction again at once: its reads then see the winner.
    /// </summary>
    public bool IsContention => Status is "ABORTED" or "ALREADY_EXISTS" or "FAILED_PRECONDITION";

    /// <summary>True when a failed commit certainly wrote nothing (Firestore decided and said no).</summary>
    public bool CertainlyNotApplied => !IsTransient || Status is "RESOURCE_EXHAUSTED";
}
