using Epy.Contracts.Api;

namespace Epy.Cli.Client;

/// <summary>Where the read commands (<c>runs list|show</c>, <c>status</c>) read runs: an orchestrator over HTTP, or a local state folder.</summary>
public interface IRunSource : IDisposable
{
    /// <summary>Says where the runs are read, for messages (a URL or a folder).</summary>
    string Where { get; }

    /// <summary>The run <paramref name="runId"/> in full (outputs, submission verdict).</summary>
    Task<RunView> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>One page of runs, newest first, as <c>GET /v1/runs</c> gives it.</summary>
    Task<RunList> ListAsync(string? expId, string? state, int pageSize, string? pageToken, CancellationToken cancellationToken);
}
