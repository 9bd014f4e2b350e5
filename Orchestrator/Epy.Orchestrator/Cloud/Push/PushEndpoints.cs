using System.Globalization;
using System.Text.Json;
using Epy.Orchestrator.Core.Events;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Cloud.Push;

/// <summary>
/// <c>POST /v1/events/batch</c>: Batch job notifications pushed by Pub/Sub. A notification of one of our
/// jobs is handled as a <see cref="JobStateChanged"/> event (its message id the event id) and acknowledged
/// with 204 only after the commit; a store failure answers 503 so Pub/Sub redelivers. Malformed or
/// foreign messages are acknowledged and logged, so they never loop. A final state is confirmed with Batch first
/// (<see cref="NotificationCheck"/>). The time from Pub/Sub's publishTime to
/// the commit is recorded as <c>epy.event.lag</c>.
/// </summary>
public static partial class PushEndpoints
{
    /// <summary>The largest push body accepted (Batch notifications are small).</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>Maps the push endpoint.</summary>
    public static IEndpointRouteBuilder MapBatchEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events/batch", ReceiveAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest http, RunEventProcessor processor, IJobRunner jobs, PushOptions options, OidcTokenVerifier verifier, ILoggerFactory loggers, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger(typeof(PushEndpoints));
        if (options.VerifyTokens)
        {
            var check = await verifier.VerifyAsync(http.Headers.Authorization.FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            if (!check.Valid)
            {
                LogRefused(log, check.Reason!);
                return TypedResults.Problem(check.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "push token refused");
            }
        }

        PushEnvelope? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync<PushEnvelope>(http.Body, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException malformed)
        {
            LogMalformed(log, malformed.Message);
            return TypedResults.NoContent();
        }
        catch (BadHttpRequestException tooLarge)
        {
            LogIgnored(log, "-", tooLarge.Message);
            return TypedResults.NoContent();
        }

        if (BatchNotification.TryRead(envelope, out var reason) is not { } notification)
        {
            LogIgnored(log, envelope?.Message?.MessageId ?? "-", reason!);
            return TypedResults.NoContent();
        }

        using var scope = log.BeginRunScope(notification.Job.Run, job: notification.Job);
        try
        {
            // A final state moves a run for good: it is taken from Batch itself (jobs.get, same JobUID), never from
            // the message alone, which anyone allowed to publish to the topic could have written.
            var real = notification.State.IsFinal() ? await jobs.GetAsync(notification.Job, cancellationToken).ConfigureAwait(false) : null;
            if (NotificationCheck.Confirmed(notification, real, out var refused) is not { } @event)
            {
                LogIgnored(log, notification.MessageId, refused!);
                return TypedResults.NoContent();
            }
            var handled = await processor.HandleAsync(notification.Job.Run, @event, cancellationToken).ConfigureAwait(false);
            if (handled.Run is null)
                LogNoRun(log, notification.MessageId, notification.Job);
            else if (PublishTime(envelope!.Message!.PublishTime) is { } published)
                OrchestratorMetrics.RecordLag("pubsub", @event.Kind, published, time.GetUtcNow());
            return TypedResults.NoContent();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Not committed: a non-2xx makes Pub/Sub deliver it again (with backoff, then to the dead-letter topic).
            LogFailed(log, notification.MessageId, failure.Message);
            return TypedResults.Problem("the event could not be recorded; it will be redelivered", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Pub/Sub's <c>publishTime</c> (RFC 3339, up to nanoseconds), or null when missing or malformed.</summary>
    public static DateTimeOffset? PublishTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
            return null;
        // .NET reads at most 7 fractional digits (100 ns); Google's timestamps may carry 9.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "push refused: {Reason}")]
    private static partial void LogRefused(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "push message {MessageId} acknowledged and ignored: {Reason}")]
    private static partial void LogIgnored(ILogger log, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "push body acknowledged and ignored: malformed JSON ({Reason})")]
    private static partial void LogMalformed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "push message {MessageId} acknowledged and ignored: no run for job {Job}")]
    private static partial void LogNoRun(ILogger log, string messageId, Epy.Contracts.Runs.JobId job);

    [LoggerMessage(Level = LogLevel.Error, Message = "push message {MessageId} not recorded (will be redelivered): {Reason}")]
    private static partial void LogFailed(ILogger log, string messageId, string reason);
}
