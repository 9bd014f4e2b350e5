using System.Net;
using System.Text.Json;
using Epy.Cli;
using Epy.Cli.Jobs;
using Epy.Google.Batch;

namespace Epy.Cli.Tests;

/// <summary><see cref="BatchErrors"/>: each failure of a Cloud Batch call is one sentence and a hint, with the exit code its cause deserves.</summary>
public sealed class BatchErrorsTests
{
    private const string Doing = "creating job runjob-a-x in projects/p/locations/r";
    private static readonly Uri Batch = new("https://batch.googleapis.com/");

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.ConfigurationError, "Cloud Batch answered 403 PERMISSION_DENIED while creating job runjob-a-x in projects/p/locations/r: denied", "roles/batch.jobsEditor")]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.ConfigurationError, "Cloud Batch answered 401 UNAUTHENTICATED while", "gcloud auth application-default login")]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.ConfigurationError, "Cloud Batch answered 404 NOT_FOUND while", "google_cloud.region")]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.RunFailed, "Cloud Batch answered 409 ALREADY_EXISTS while", "each call names a new job")]
    [InlineData(HttpStatusCode.ServiceUnavailable, ExitCodes.RunFailed, "Cloud Batch answered 503 UNAVAILABLE while", "kept failing after retries")]
    public void AnAnswer_BecomesOneSentence_WithItsExitCodeAndHint(HttpStatusCode status, int exitCode, string message, string hint)
    {
        var name = status switch
        {
            HttpStatusCode.Forbidden => "PERMISSION_DENIED",
            HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
            HttpStatusCode.NotFound => "NOT_FOUND",
            HttpStatusCode.Conflict => "ALREADY_EXISTS",
            _ => "UNAVAILABLE",
        };
        var body = JsonSerializer.Serialize(new { error = new { code = (int)status, message = "denied", status = name } });

        var explained = BatchErrors.Explain(BatchException.FromAnswer(status, body), Doing, Batch);

        explained.ShouldNotBeNull();
        explained.ExitCode.ShouldBe(exitCode);
        explained.Message.ShouldStartWith(message);
        explained.Message.ShouldNotContain("\n");
        explained.Hint.ShouldNotBeNull().ShouldContain(hint);
    }

    [Fact]
    public void AnUnreachableService_IsAFailureToRetry_NamingTheAddress()
    {
        var explained = BatchErrors.Explain(new HttpRequestException("Connection refused (127.0.0.1:9)"), Doing, new Uri("http://127.0.0.1:9/"));

        explained.ShouldNotBeNull();
        explained.ExitCode.ShouldBe(ExitCodes.RunFailed);
        explained.Message.ShouldBe($"Cloud Batch could not be reached while {Doing} (Connection refused (127.0.0.1:9))");
        explained.Hint.ShouldNotBeNull().ShouldContain("BATCH_EMULATOR_HOST, which points at http://127.0.0.1:9/");
    }

    [Fact]
    public void OtherFailures_AreNotBatchs()
    {
        BatchErrors.Explain(new InvalidOperationException("a bug"), Doing, Batch).ShouldBeNull();
        BatchErrors.Explain(new OperationCanceledException(), Doing, Batch).ShouldBeNull();
    }
}
