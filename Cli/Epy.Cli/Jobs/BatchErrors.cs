using System.Net;
using System.Text.Json;
using Epy.Google.Batch;
using Epy.Google.Resilience;
using Polly.Timeout;

namespace Epy.Cli.Jobs;

/// <summary>
/// What a failed Cloud Batch call means to the user, in one sentence and a hint (a <see cref="CliException"/>), never a
/// stack trace: 401/403 are settings or rights (exit 2: nothing was created), 404 a project or region Batch does not know,
/// 409 a job id taken, 429 and 5xx (after the client's retries), an unreachable service or an answer that is not JSON a
/// failure to try again (exit 1). Pure.
/// </summary>
public static class BatchErrors
{
    /// <summary>The failure of <paramref name="failure"/>, met while <paramref name="doing"/> (<c>creating job X in projects/p/locations/r</c>); null when it is none of Batch's.</summary>
    public static CliException? Explain(Exception failure, string doing, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(baseAddress);
        return failure switch
        {
            BatchException answer => Answered(answer, doing),
            HttpRequestException or TimeoutRejectedException or IOException => CliException.Failed(
                $"Cloud Batch could not be reached while {doing} ({failure.Message})", $"check the network (and {Google.CloudEmulators.BatchVariable}, which points at {baseAddress}); then try again"),
            _ when CloudResilience.IsBrokenCircuit(failure) => CliException.Failed(
                $"Cloud Batch kept failing while {doing}; calls are paused", "try again in a minute"),
            JsonException malformed => CliException.Failed(
                $"Cloud Batch's answer while {doing} could not be read: {malformed.Message}", $"is {baseAddress} Cloud Batch's REST API?"),
            _ => null,
        };
    }

    private static CliException Answered(BatchException answer, string doing)
    {
        var said = $"Cloud Batch answered {(int)answer.StatusCode}{(answer.Status is { } status ? " " + status : "")} while {doing}: {answer.Detail}";
        return answer.StatusCode switch
        {
            HttpStatusCode.Unauthorized => CliException.Configuration(said, "log in again: 'gcloud auth application-default login' (or set CLOUDSDK_AUTH_ACCESS_TOKEN)"),
            HttpStatusCode.Forbidden => CliException.Configuration(said,
                "check google_cloud.project_id, that the Batch API is enabled there, and that your account may create jobs (roles/batch.jobsEditor) and act as the stage's service account (roles/iam.serviceAccountUser)"),
            HttpStatusCode.NotFound => CliException.Configuration(said, "check google_cloud.project_id and google_cloud.region ('epycloud config show')"),
            HttpStatusCode.Conflict => CliException.Failed(said, "a job of this id exists already; run the command again (each call names a new job)"),
            HttpStatusCode.BadRequest => CliException.Configuration(said, "check the settings the message names ('epycloud run job ... --dry-run' prints the job)"),
            _ => CliException.Failed(said, "Batch kept failing after retries; try again in a few minutes"),
        };
    }
}
