using System.Security.Cryptography;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Runs;

/// <summary>Starts, cancels and resumes runs: the operations behind the API and the CLI.</summary>
public sealed partial class RunService(
    IRunStore store, RunEventProcessor handler, IExperimentCatalog catalog, RunPolicy defaults, TimeProvider time, ILogger<RunService> log)
{
    /// <summary>
    /// Reads the last attempt's real state and results before a resume; null decides on the stored state alone
    /// (hosts that compose the service by hand without one).
    /// </summary>
    public LastAttemptReader? LastAttempt { get; init; }

    /// <summary>
    /// Validates <paramref name="request"/> and starts a run. With an <paramref name="idempotencyKey"/> seen
    /// before, returns the run the first request created if this request would make the same run, else
    /// <see cref="StartOutcome.KeyReused"/>; with a run id seen before (and no key), that run if it is of the
    /// same experiment.
    /// </summary>
    public async Task<StartOutcome> StartAsync(StartRunRequest request, IdempotencyKey? idempotencyKey, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ExperimentId experiment = default;
        if (!ExperimentId.TryParse(request.ExpId, out experiment, out var expReason))
            errors["exp_id"] = [$"exp_id {expReason}"];
        var now = time.GetUtcNow();
        var run = RunId.New(now, (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));
        if (request.RunId is { } text && !RunId.TryParse(text, out run))
            errors["run_id"] = [$"'{text}' is not a run id; expected UTC time and 8 hex digits like 20261124-101500-a1b2c3d4"];
        if (idempotencyKey is { TooLong: true })
            errors["Idempotency-Key"] = [$"is longer than {IdempotencyKey.MaxClientKeyLength} characters"];
        if (request.ImageTag is { Length: > 0 } tag && ImageAndGitRefs.ImageTagProblem(tag) is { } tagProblem)
            errors["image_tag"] = [tagProblem];
        if (request.ForecastRepoRef is { Length: > 0 } gitRef && ImageAndGitRefs.GitRefProblem(gitRef) is { } refProblem)
            errors["forecast_repo_ref"] = [refProblem];
        var labels = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in request.Labels ?? new Dictionary<string, string>())
        {
            if (key is null || value is null)
            {
                errors["labels"] = ["label keys and values must be strings"];
                continue;
            }
            labels.Add(new(Labels.SanitizeKey(key), Labels.SanitizeValue(value)));
        }
        if (labels.Count > 32)
            errors["labels"] = [$"at most 32 labels, not {labels.Count}"];
        else if (labels.Select(pair => pair.Key).Distinct(StringComparer.Ordinal).Count() != labels.Count)
            errors["labels"] = ["two labels sanitise to the same key"];
        var (policy, problems) = RunPolicies.From(defaults, request);
        foreach (var problem in problems)
            errors[problem.Field] = errors.TryGetValue(problem.Field, out var existing) ? [.. existing, problem.ToString()] : [problem.ToString()];
        if (errors.Count > 0)
            return new StartOutcome.Invalid(errors);

        if (await catalog.ProblemAsync(experiment, cancellationToken).ConfigureAwait(false) is { } missing)
            return new StartOutcome.NotFound(missing);

        var runRequest = new RunRequest(request.ImageTag, request.ForecastRepoRef, new ValueList<KeyValuePair<string, string>>(labels.OrderBy(p => p.Key, StringComparer.Ordinal)), requestedBy,
            string.IsNullOrWhiteSpace(request.BillingProject) ? null : request.BillingProject.Trim());
        var state = RunState.New(run, experiment, runRequest, now);
        var candidate = new StoredRun(state, policy, 0, []);
        var (stored, created) = await store.CreateAsync(candidate, idempotencyKey?.Value, cancellationToken).ConfigureAwait(false);
        if (!created && idempotencyKey is not null && !SameRun(stored, candidate, runIdNamed: request.RunId is not null))
        {
            return new StartOutcome.KeyReused(
                $"the key {idempotencyKey} was first used for run {stored.State.Run} of {stored.State.Experiment}, by a different request; a repeated request must be the same request, a new request needs a new key");
        }
        if (!created && stored.State.Experiment != experiment)
        {
            // A repeat must be the same request: handing back another experiment's run would pass it off as this one.
            return new StartOutcome.Conflict(
                $"run {stored.State.Run} is a run of {stored.State.Experiment}, not {experiment}: a repeated request (same run_id or Idempotency-Key) must name the same experiment");
        }
        using var scope = log.BeginRunScope(stored.State.Run, stored.State.Experiment);
        LogAccepted(stored.State.Run, stored.State.Experiment, requestedBy, created ? "new" : "repeated request");
        // Also for an existing run still pending (its first request crashed before this step): the event id makes it once.
        if (stored.State.Status == RunStatus.Pending)
            stored = (await handler.HandleAsync(stored.State.Run, new RunRequested($"requested:{stored.State.Run}"), cancellationToken).ConfigureAwait(false)).Run ?? stored;
        return created ? new StartOutcome.Started(stored) : new StartOutcome.Repeated(stored);
    }

    /// <summary>Asks to cancel a run; null when it does not exist.</summary>
    public Task<HandledEvent> CancelAsync(RunId run, string reason, CancellationToken cancellationToken) =>
        handler.HandleAsync(run, new CancelRequested($"cancel:{run}:{Guid.NewGuid():N}", reason), cancellationToken);

    /// <summary>
    /// Asks to resume a failed run; a repeated request for the same failure resumes once. The last attempt's job
    /// and results are read first: a job still running refuses the resume, and only tasks without a result run again.
    /// </summary>
    public async Task<HandledEvent> ResumeAsync(RunId run, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (stored is null)
            return HandledEvent.UnknownRun;
        // Only a stopped run is read: for any other the machine refuses at once.
        var last = LastAttempt is { } reader && stored.State.Status is RunStatus.Failed or RunStatus.Cancelled
            ? await reader.ReadAsync(stored.State, cancellationToken).ConfigureAwait(false)
            : null;
        return await handler.HandleAsync(run, new ResumeRequested($"resume:{run}:{stored.State.ManualResumes + 1}", last), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="earlier"/> is the run <paramref name="candidate"/>'s request would make: the same
    /// experiment, request (whoever sent it) and policy, and the same run id when the request named one.
    /// </summary>
    private static bool SameRun(StoredRun earlier, StoredRun candidate, bool runIdNamed) =>
        earlier.State.Experiment == candidate.State.Experiment
        && earlier.State.Request with { RequestedBy = "" } == candidate.State.Request with { RequestedBy = "" }
        && earlier.Policy == candidate.Policy
        && (!runIdNamed || earlier.State.Run == candidate.State.Run);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run} of {Experiment} accepted from {RequestedBy} ({Kind})")]
    private partial void LogAccepted(RunId run, ExperimentId experiment, string requestedBy, string kind);
}
