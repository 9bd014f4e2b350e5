using System.Net;
using System.Text;
using System.Text.Json;

namespace Epy.Reliability.Tests.Faults;

/// <summary>
/// Sits in front of every outbound call of one orchestrator instance (Firestore, Batch or Cloud Storage) and,
/// from a seeded random source, answers 429, 500 or 503 instead of the server, resets the connection
/// (before the request left, or after the server applied it), or lets the server apply the request and
/// never answers (the client's own timeout fires). Counts every fault it injects.
/// </summary>
public sealed class HttpFaultInjector(SeededRandom random, FaultRates rates, FaultLedger ledger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var roll = random.Next();
        if ((roll -= rates.Http429) < 0)
            return Refuse(FaultKind.Http429, HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED");
        if ((roll -= rates.Http500) < 0)
            return Refuse(FaultKind.Http500, HttpStatusCode.InternalServerError, "INTERNAL");
        if ((roll -= rates.Http503) < 0)
            return Refuse(FaultKind.Http503, HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");
        if ((roll -= rates.ConnectionReset) < 0)
        {
            ledger.Inject(FaultKind.ConnectionReset);
            // Half the resets come after the server applied the request: the client cannot tell them apart.
            if (random.Chance(0.5))
                (await base.SendAsync(request, cancellationToken)).Dispose();
            throw new HttpRequestException("injected: connection reset by peer", new IOException("Connection reset by peer"));
        }
        if ((roll -= rates.HttpTimeout) < 0)
        {
            ledger.Inject(FaultKind.HttpTimeout);
            (await base.SendAsync(request, cancellationToken)).Dispose();
            // The answer is lost: only the client's per-attempt timeout ends the wait.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && request.RequestUri!.AbsolutePath.EndsWith(":commit", StringComparison.Ordinal))
            ledger.Observe("Firestore commits aborted by contention (real 409 ABORTED)");
        return response;
    }

    private HttpResponseMessage Refuse(FaultKind kind, HttpStatusCode status, string statusName)
    {
        ledger.Inject(kind);
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { error = new { code = (int)status, message = "injected", status = statusName } }), Encoding.UTF8, "application/json"),
        };
    }
}
