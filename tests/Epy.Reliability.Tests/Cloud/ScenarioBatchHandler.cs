using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;
using Epy.Reliability.Tests.Harness;

namespace Epy.Reliability.Tests.Cloud;

/// <summary>
/// Sits in front of the fake Batch server for one orchestrator instance and does to each call what the run's
/// scenario says Batch does (<see cref="ScenarioControl"/>): a refused call is answered 503 UNAVAILABLE without
/// reaching the server; a hanging one never gets an answer (the client's own timeout ends it); the cancel of a job
/// whose tasks are just finishing reaches Batch only after the job SUCCEEDED.
/// </summary>
public sealed partial class ScenarioBatchHandler(WorldContext context, Func<string, Task> succeeded) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Read(request) is not { } target)
            return await base.SendAsync(request, cancellationToken);
        var (call, job) = target;
        switch (context.Control.Before(call, job))
        {
            case BatchAnswer.Refuse:
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                {
                    Content = new StringContent(
                        JsonSerializer.Serialize(new { error = new { code = 503, message = "injected: the service is currently unavailable", status = "UNAVAILABLE" } }),
                        Encoding.UTF8, "application/json"),
                };
            case BatchAnswer.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
        if (call == BatchCall.Cancel && context.Scenarios.TryGetValue(job.Run, out var scenario) && scenario.SucceedsBeforeCancel(job))
        {
            // The cancel arrives just after the job's tasks finished: Batch refuses to cancel a SUCCEEDED job. Every
            // cancel of it does (a first one may be cut short by a kill before the job ended; the next must not stop it).
            if (context.Control.Once(job.Run, "late-succeeded"))
                context.Ledger.Inject(FaultKind.LateSucceededAfterDeadline, job.Run);
            context.Control.LetRun(job.Run);
            await succeeded(job.Value);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The call and the job it is about, from Batch's REST path, or null for a call about no job.</summary>
    private static (BatchCall, JobId)? Read(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        if (request.Method == HttpMethod.Post && path.EndsWith("/jobs", StringComparison.Ordinal)
            && CreateQuery().Match(uri.Query) is { Success: true } created && JobId.TryParse(created.Groups[1].Value, out var submitted))
            return (BatchCall.Submit, submitted);
        if (JobPath().Match(path) is not { Success: true } match || !JobId.TryParse(match.Groups[1].Value, out var job))
            return null;
        var rest = match.Groups[2].Value;
        return request.Method == HttpMethod.Post && rest == ":cancel" ? (BatchCall.Cancel, job)
            : rest.StartsWith("/taskGroups/", StringComparison.Ordinal) ? (BatchCall.ListTasks, job)
            : rest.Length == 0 ? (BatchCall.Get, job)
            : null;
    }

    [GeneratedRegex(@"[?&]jobId=([a-z0-9-]+)")]
    private static partial Regex CreateQuery();

    [GeneratedRegex(@"/jobs/([a-z0-9-]+)(.*)$")]
    private static partial Regex JobPath();
}
