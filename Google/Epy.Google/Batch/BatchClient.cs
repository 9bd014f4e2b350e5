using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Epy.Google.Auth;
using Epy.Google.Resilience;
using Polly;

namespace Epy.Google.Batch;

/// <summary>
/// Cloud Batch's REST API v1, thin: <c>jobs.create</c>, <c>jobs.get</c>, <c>jobs.cancel</c> and <c>tasks.list</c>
/// on a plain <see cref="HttpClient"/>, each call through one <see cref="CloudResilience.Http"/> pipeline (one
/// circuit breaker per client). Answers are Batch's own JSON. An error answer (after the retries) is a
/// <see cref="BatchException"/>; an unreachable service, a timed-out attempt or an open circuit is the
/// transport's or Polly's exception (<see cref="CloudResilience.IsBrokenCircuit"/>); a job or task page that is
/// not JSON a <see cref="JsonException"/>.
/// </summary>
public sealed class BatchClient
{
    /// <summary>Cloud Batch's REST endpoint.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://batch.googleapis.com/");

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly Uri _baseAddress;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The client; its lifetime is the caller's; the pipeline times each attempt.</param>
    /// <param name="tokens">Where access tokens come from.</param>
    /// <param name="baseAddress">The API's base address, ending in '/' (<c>https://batch.googleapis.com/</c>, or a fake's).</param>
    /// <param name="resilience">Retry, breaker and timeout settings.</param>
    /// <param name="time">The clock for retry delays and timeouts.</param>
    /// <param name="onRetry">Told the reason of each retry (for the caller's log).</param>
    public BatchClient(HttpClient http, IAccessTokenSource tokens, Uri baseAddress, CloudResilienceOptions resilience, TimeProvider time, Action<string>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = http;
        _tokens = tokens;
        _baseAddress = baseAddress;
        _pipeline = CloudResilience.Http(resilience, time, onRetry);
    }

    /// <summary><c>jobs.create</c>: creates <paramref name="job"/> (a <c>Job</c> in JSON) as <c>{parent}/jobs/{jobId}</c>; Batch ignores a repeat of <paramref name="requestId"/>.</summary>
    /// <param name="parent">The location, <c>projects/{project}/locations/{region}</c>.</param>
    /// <param name="jobId">The job's id.</param>
    /// <param name="requestId">A UUID naming this create.</param>
    /// <param name="job">The job's JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task CreateJobAsync(string parent, string jobId, string requestId, string job, CancellationToken cancellationToken)
    {
        var path = $"v1/{parent}/jobs?jobId={Uri.EscapeDataString(jobId)}&requestId={Uri.EscapeDataString(requestId)}";
        await SendAsync(HttpMethod.Post, path, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>jobs.get</c>: the <c>Job</c> named <paramref name="name"/> (<c>{parent}/jobs/{jobId}</c>); the caller disposes it.</summary>
    public async Task<JsonDocument> GetJobAsync(string name, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await SendAsync(HttpMethod.Get, $"v1/{name}", null, cancellationToken).ConfigureAwait(false));

    /// <summary><c>jobs.cancel</c>: asks Batch to cancel the job named <paramref name="name"/>; Batch ignores a repeat of <paramref name="requestId"/>.</summary>
    public async Task CancelJobAsync(string name, string requestId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["requestId"] = requestId });
        await SendAsync(HttpMethod.Post, $"v1/{name}:cancel", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>tasks.list</c>: one <c>ListTasksResponse</c> page of the task group named <paramref name="taskGroup"/>
    /// (<c>{job}/taskGroups/{group}</c>), narrowed by <paramref name="filter"/> (<c>State=FAILED</c>); the caller disposes it.
    /// </summary>
    public async Task<JsonDocument> ListTasksAsync(string taskGroup, string? filter, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"v1/{taskGroup}/tasks?pageSize={pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (filter is not null)
            query.Append("&filter=").Append(Uri.EscapeDataString(filter));
        if (pageToken is not null)
            query.Append("&pageToken=").Append(Uri.EscapeDataString(pageToken));
        return JsonDocument.Parse(await SendAsync(HttpMethod.Get, query.ToString(), null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The answer's body, or its error as a <see cref="BatchException"/>.</summary>
    private async Task<string> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, path);
        using var response = await _pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (await _tokens.GetAccessTokenAsync(token).ConfigureAwait(false) is { } accessToken)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw BatchException.FromAnswer(response.StatusCode, text);
        return text;
    }
}
