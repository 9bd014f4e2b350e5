using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Epy.Google.Resilience;
using Epy.Orchestrator.Ports;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>The HTTP edge: one call through the resilience pipeline, and how its failures are classified.</summary>
public sealed partial class BatchJobRunner
{
    private async Task<BatchResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseAddress, path);
        try
        {
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
            return new BatchResponse(response.StatusCode, text);
        }
        catch (Exception failure) when (CloudResilience.IsBrokenCircuit(failure))
        {
            throw new CommandFailedException($"Batch {method} {path}: Batch kept failing; not calling it for a while", failure);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutRejectedException or IOException)
        {
            throw new CommandFailedException($"Batch {method} {path}: {failure.Message}", failure);
        }
    }

    private static CommandFailedException Failure(string what, BatchResponse response, string? status, string message, bool notFoundIsPermanent)
    {
        var code = (int)response.Status;
        var permanent = response.Status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Forbidden => true,
            HttpStatusCode.NotFound => notFoundIsPermanent,
            // An expired token is refreshed on the next try; a conflict (ABORTED) settles by itself.
            HttpStatusCode.Unauthorized or HttpStatusCode.Conflict => false,
            _ => !TransientErrors.IsTransient(response.Status) && code is >= 400 and < 500,
        };
        var text = $"Batch {what}: HTTP {code}{(status is null ? "" : " " + status)}: {message}";
        return new CommandFailedException(text, permanent);
    }

    private static JsonDocument Parse(BatchResponse response, string what)
    {
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException failure)
        {
            throw new CommandFailedException($"Batch {what}: the answer is not JSON", failure);
        }
    }

    private sealed record BatchResponse(HttpStatusCode Status, string Body);
}
