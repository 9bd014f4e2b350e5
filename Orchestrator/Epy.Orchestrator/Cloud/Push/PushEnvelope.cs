using System.Text.Json.Serialization;

namespace Epy.Orchestrator.Cloud.Push;

/// <summary>The body Pub/Sub POSTs to a push endpoint.</summary>
/// <param name="Message">The message.</param>
/// <param name="Subscription">The subscription's full name.</param>
/// <param name="DeliveryAttempt">How many times delivery was tried (only with a dead-letter policy).</param>
public sealed record PushEnvelope(
    [property: JsonPropertyName("message")] PushMessage? Message,
    [property: JsonPropertyName("subscription")] string? Subscription,
    [property: JsonPropertyName("deliveryAttempt")] int? DeliveryAttempt);

/// <summary>A pushed Pub/Sub message.</summary>
/// <param name="Data">The payload, base64.</param>
/// <param name="Attributes">The attributes (Batch puts the notification in them).</param>
/// <param name="MessageId">The message id (the event id: a redelivery has the same).</param>
/// <param name="PublishTime">When it was published (RFC 3339).</param>
public sealed record PushMessage(
    [property: JsonPropertyName("data")] string? Data,
    [property: JsonPropertyName("attributes")] IReadOnlyDictionary<string, string>? Attributes,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("publishTime")] string? PublishTime);
