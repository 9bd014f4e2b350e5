using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>
/// Sits between a client and the real emulator: records every call's method and answer, and can answer
/// the next calls of a method with an error instead (before they reach the emulator), or after they did
/// (the write is applied but its answer is lost, as when a connection drops).
/// </summary>
public sealed class FaultInjector : DelegatingHandler
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    /// <summary>Every call, in order: its method (<c>batchGet</c>, <c>commit</c>, ...) and the status the client saw.</summary>
    public ConcurrentQueue<(string Method, HttpStatusCode Status)> Calls { get; } = new();

    /// <summary>The next call of <paramref name="method"/> gets <paramref name="status"/> without reaching the emulator.</summary>
    public FaultInjector Refuse(string method, HttpStatusCode status, string statusName, TimeSpan? retryAfter = null)
    {
        _faults.Enqueue(new Fault(method, status, statusName, retryAfter, AfterForwarding: false));
        return this;
    }

    /// <summary>The next call of <paramref name="method"/> reaches the emulator, but the client gets <paramref name="status"/>.</summary>
    public FaultInjector LoseAnswer(string method, HttpStatusCode status, string statusName)
    {
        _faults.Enqueue(new Fault(method, status, statusName, null, AfterForwarding: true));
        return this;
    }

    /// <summary>The next call of <paramref name="method"/> gets no answer until the client gives up on it.</summary>
    public FaultInjector Stall(string method)
    {
        _faults.Enqueue(new Fault(method, HttpStatusCode.RequestTimeout, "STALLED", null, AfterForwarding: false));
        return this;
    }

    /// <summary>How many calls of <paramref name="method"/> the client saw answered with <paramref name="status"/>.</summary>
    public int Count(string method, HttpStatusCode status) => Calls.Count(call => call.Method == method && call.Status == status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var method = path[(path.LastIndexOf(':') + 1)..];
        Fault? fault = null;
        if (_faults.TryPeek(out var next) && next.Method == method)
            _faults.TryDequeue(out fault);
        HttpResponseMessage response;
        if (fault is { StatusName: "STALLED" })
        {
            Calls.Enqueue((method, fault.Status));
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (fault is { AfterForwarding: false })
            response = Error(fault);
        else
        {
            response = await base.SendAsync(request, cancellationToken);
            if (fault is not null)
            {
                response.Dispose();
                response = Error(fault);
            }
        }
        Calls.Enqueue((method, response.StatusCode));
        return response;
    }

    private static HttpResponseMessage Error(Fault fault)
    {
        var response = new HttpResponseMessage(fault.Status)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { error = new { code = (int)fault.Status, message = "injected", status = fault.StatusName } }), Encoding.UTF8, "application/json"),
        };
        if (fault.RetryAfter is { } after)
            response.Headers.RetryAfter = new RetryConditionHeaderValue(after);
        return response;
    }

    private sealed record Fault(string Method, HttpStatusCode Status, string StatusName, TimeSpan? RetryAfter, bool AfterForwarding);
}
