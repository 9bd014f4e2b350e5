using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Epy.Testing.Emulators;

/// <summary>
/// The few Pub/Sub REST v1 calls the tests make on the emulator: create a topic (<c>PUT projects/p/topics/t</c>),
/// a push or pull subscription (<c>PUT projects/p/subscriptions/s</c> with <c>pushConfig.pushEndpoint</c>,
/// <c>retryPolicy</c> and <c>deadLetterPolicy</c>), publish (<c>POST {topic}:publish</c>, data base64) and
/// pull and acknowledge (<c>POST {subscription}:pull</c>, <c>:acknowledge</c>).
/// </summary>
public sealed class PubSubEmulatorClient(HttpClient http, Uri emulator)
{
    /// <summary>The emulator's address.</summary>
    public Uri Emulator => emulator;

    /// <summary>Creates the topic <paramref name="topic"/> (<c>projects/p/topics/t</c>).</summary>
    public Task CreateTopicAsync(string topic) => PutAsync(topic, new JsonObject());

    /// <summary>
    /// Creates a push subscription of <paramref name="topic"/> to <paramref name="endpoint"/>; with a
    /// <paramref name="deadLetterTopic"/>, a message is moved there after <paramref name="maxDeliveryAttempts"/> failed pushes.
    /// </summary>
    public Task CreatePushSubscriptionAsync(string subscription, string topic, Uri endpoint, string? deadLetterTopic = null, int maxDeliveryAttempts = 5)
    {
        var body = new JsonObject
        {
            ["topic"] = topic,
            ["pushConfig"] = new JsonObject { ["pushEndpoint"] = endpoint.ToString() },
            ["ackDeadlineSeconds"] = 10,
            ["retryPolicy"] = new JsonObject { ["minimumBackoff"] = "0.1s", ["maximumBackoff"] = "1s" },
        };
        if (deadLetterTopic is not null)
            body["deadLetterPolicy"] = new JsonObject { ["deadLetterTopic"] = deadLetterTopic, ["maxDeliveryAttempts"] = maxDeliveryAttempts };
        return PutAsync(subscription, body);
    }

    /// <summary>Creates a pull subscription of <paramref name="topic"/>.</summary>
    public Task CreatePullSubscriptionAsync(string subscription, string topic) =>
        PutAsync(subscription, new JsonObject { ["topic"] = topic, ["ackDeadlineSeconds"] = 10 });

    /// <summary>Publishes one message; returns its message id.</summary>
    public async Task<string> PublishAsync(string topic, IReadOnlyDictionary<string, string> attributes, string data, CancellationToken cancellationToken = default)
    {
        var message = new JsonObject { ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) };
        if (attributes.Count > 0)
            message["attributes"] = new JsonObject(attributes.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        var answer = await PostAsync($"{topic}:publish", new JsonObject { ["messages"] = new JsonArray(message) }, cancellationToken);
        return answer["messageIds"]![0]!.GetValue<string>();
    }

    /// <summary>Pulls what is waiting (at most <paramref name="max"/>) and acknowledges it.</summary>
    public async Task<IReadOnlyList<PulledMessage>> PullAsync(string subscription, int max = 10)
    {
        var answer = await PostAsync($"{subscription}:pull", new JsonObject { ["maxMessages"] = max, ["returnImmediately"] = true });
        if (answer["receivedMessages"] is not JsonArray received || received.Count == 0)
            return [];
        var messages = received.Select(item =>
        {
            var message = item!["message"]!;
            var attributes = message["attributes"] is JsonObject map
                ? map.ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var data = message["data"] is { } text ? Encoding.UTF8.GetString(Convert.FromBase64String(text.GetValue<string>())) : "";
            return new PulledMessage(item["ackId"]!.GetValue<string>(), message["messageId"]!.GetValue<string>(), attributes, data);
        }).ToList();
        await PostAsync($"{subscription}:acknowledge", new JsonObject { ["ackIds"] = new JsonArray([.. messages.Select(m => (JsonNode)m.AckId)]) });
        return messages;
    }

    private async Task PutAsync(string name, JsonObject body)
    {
        using var response = await http.PutAsJsonAsync(new Uri(emulator, "v1/" + name), body);
        await EnsureAsync(response, $"PUT {name}");
    }

    private async Task<JsonNode> PostAsync(string path, JsonObject body, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(emulator, "v1/" + path), body, cancellationToken);
        await EnsureAsync(response, $"POST {path}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? new JsonObject();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the Pub/Sub emulator answered {what} with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>A message pulled from a subscription.</summary>
public sealed record PulledMessage(string AckId, string MessageId, IReadOnlyDictionary<string, string> Attributes, string Data);
