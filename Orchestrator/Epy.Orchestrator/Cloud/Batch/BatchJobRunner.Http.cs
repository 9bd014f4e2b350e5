using System.Net;
using System.Text.Json;
using Epy.Google.Batch;
using Epy.Google.Resilience;
using Epy.Orchestrator.Ports;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>The edge: one call of the <see cref="BatchClient"/>, and how its failures become <see cref="CommandFailedException"/>s.</summary>
public sealed partial class BatchJobRunner
{
    /// <summary>
    /// <paramref name="call"/>'s answer; an unreachable Batch, a timed-out attempt, an open circuit or an answer that
    /// is not JSON as a transient <see cref="CommandFailedException"/>. Batch's refusals (<see cref="BatchException"/>)
    /// pass through for the caller, which knows which of them mean done.
    /// </summary>
    private static async Task<T> TransportAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (JsonException failure)
        {
            throw new CommandFailedException($"Batch {what}: the answer is not JSON", failure);
        }
        catch (Exception failure) when (CloudResilience.IsBrokenCircuit(failure))
        {
            throw new CommandFailedException($"Batch {what}: Batch kept failing; not calling it for a while", failure);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutRejectedException or IOException)
        {
            throw new CommandFailedException($"Batch {what}: {failure.Message}", failure);
        }
    }

    private static Task<bool> TransportAsync(string what, Func<Task> call) =>
        TransportAsync(what, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    private static CommandFailedException Failure(string what, BatchException refused, bool notFoundIsPermanent)
    {
        var code = (int)refused.StatusCode;
        var permanent = refused.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Forbidden => true,
            HttpStatusCode.NotFound => notFoundIsPermanent,
            // An expired token is refreshed on the next try; a conflict (ABORTED) settles by itself.
            HttpStatusCode.Unauthorized or HttpStatusCode.Conflict => false,
            _ => !TransientErrors.IsTransient(refused.StatusCode) && code is >= 400 and < 500,
        };
        var text = $"Batch {what}: HTTP {code}{(refused.Status is null ? "" : " " + refused.Status)}: {refused.Detail}";
        return new CommandFailedException(text, permanent);
    }
}
