using System.Net;
using Epy.Google.Logging;

namespace Epy.Cli.Logs;

/// <summary>
/// The CLI's side of <see cref="CloudLoggingClient"/>: its entries as <see cref="LogLine"/>s, and its failures as
/// <see cref="CliException"/>s that say what to do (a refusal of 401 or 403 is the account's roles;
/// missing credentials are <see cref="Targets.AccessTokens"/>' to say).
/// </summary>
public static class CloudLogLines
{
    /// <summary>The lines matching <paramref name="filter"/> in <paramref name="project"/>, oldest first or (<paramref name="newestFirst"/>) newest first; at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<LogLine>> ListLinesAsync(
        this CloudLoggingClient client, string project, string filter, bool newestFirst, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var entries = await client.ListAsync(new LogEntriesQuery(project, filter, newestFirst, limit), cancellationToken).ConfigureAwait(false);
            return [.. entries.Select(From)];
        }
        catch (CloudLoggingException failure) when (failure.StatusCode is null)
        {
            throw CliException.Failed(failure.Message, "check the network");
        }
        catch (CloudLoggingException refused) when (refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw CliException.Configuration(refused.Message, $"your account needs roles/logging.viewer on {project}; log in with 'gcloud auth application-default login'");
        }
        catch (CloudLoggingException refused)
        {
            throw CliException.Failed(refused.Message, "try again; 429 and 5xx answers are usually passing");
        }
    }

    /// <summary>The line of one entry: its stage and task from the job's <c>stage</c> label and Batch's <c>task_id</c>.</summary>
    public static LogLine From(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LogLine(
            entry.Timestamp,
            entry.Severity,
            entry.Labels.GetValueOrDefault("stage"),
            CloudLoggingFilter.TaskIndexOf(entry.Labels.GetValueOrDefault("task_id")),
            entry.Message,
            entry.InsertId);
    }
}
