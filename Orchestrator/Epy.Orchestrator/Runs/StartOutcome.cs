using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// What starting a run did: one of <see cref="Started"/>, <see cref="Repeated"/> (both <see cref="Accepted"/>),
/// <see cref="Invalid"/>, <see cref="NotFound"/>, <see cref="Conflict"/> or <see cref="KeyReused"/>. No other case exists.
/// </summary>
public abstract record StartOutcome
{
    private StartOutcome()
    {
    }

    /// <summary>The request was taken: the run exists (see <see cref="Started"/> and <see cref="Repeated"/>).</summary>
    public abstract record Accepted : StartOutcome
    {
        private protected Accepted(StoredRun run) => Run = run;

        /// <summary>The run.</summary>
        public StoredRun Run { get; }
    }

    /// <summary>This request created <paramref name="Run"/>.</summary>
    public sealed record Started(StoredRun Run) : Accepted(Run);

    /// <summary>The request repeats an earlier one (same run id or idempotency key): <paramref name="Run"/> is the run it created.</summary>
    public sealed record Repeated(StoredRun Run) : Accepted(Run);

    /// <summary>The request is refused; <paramref name="Errors"/> lists the sentences about each field, by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : StartOutcome;

    /// <summary>The experiment cannot be run: <paramref name="Message"/> says why.</summary>
    public sealed record NotFound(string Message) : StartOutcome;

    /// <summary>
    /// The request clashes with an existing run: its run id or idempotency key names a run of another
    /// experiment. <paramref name="Message"/> says which.
    /// </summary>
    public sealed record Conflict(string Message) : StartOutcome;

    /// <summary>
    /// The request's idempotency key already named a run that another request made (another experiment,
    /// labels, policy or run id): the API answers 422. <paramref name="Message"/> says which run.
    /// </summary>
    public sealed record KeyReused(string Message) : StartOutcome;
}
