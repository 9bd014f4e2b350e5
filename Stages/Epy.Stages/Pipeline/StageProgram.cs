using System.Text.Json;
using Epy.Google;
using Epy.Contracts.Runs;
using Epy.Engine;
using Epy.Google.Storage;
using Epy.Stages.Configs;
using Epy.Stages.Storage;
using Epy.Contracts.Stages;

namespace Epy.Stages.Pipeline;

/// <summary>
/// The stage program's entry: picks the stage, builds its context from the environment, runs it,
/// and turns what went wrong into one stderr line and an exit code (<see cref="StageExitCodes"/>).
/// </summary>
public static class StageProgram
{
    /// <summary>The usage line.</summary>
    public const string Usage = "usage: epy-stage builder|runner|output|validate (settings from the environment: EXP_ID, RUN_ID, LOCAL_DATA_PATH, FORECAST_REPO_DIR or GITHUB_FORECAST_REPO, TASK_INDEX, ...)";

    /// <summary>Runs the stage <paramref name="args"/> names; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, Func<string, string?> env, TextWriter log, TimeProvider time, CancellationToken cancellationToken = default)
        => RunAsync(args, env, log, time, StageServices.Default, cancellationToken);

    /// <summary>Runs the stage <paramref name="args"/> names with <paramref name="services"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> env, TextWriter log, TimeProvider time, StageServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(services);
        Func<StageContext, CancellationToken, Task>? stage = args.Length == 1 ? args[0] switch
        {
            "builder" => BuilderStage.RunAsync,
            "runner" => RunnerStage.RunAsync,
            "output" => OutputStage.RunAsync,
            _ => null,
        } : null;
        if (stage is null)
        {
            log.WriteLine(Usage);
            return StageExitCodes.Usage;
        }
        // In Cloud Batch (or with EPY_LOG_FORMAT=json) every line becomes a JSON entry Cloud Logging reads,
        // with the run, experiment, stage and task on it; locally the lines stay as they are.
        log = StageLog.Open(args[0], env, log, time);
        try
        {
            var settings = StageSettings.FromEnvironment(env);
            var context = new StageContext(settings, new RunFolder(OpenStore(settings, env), settings.Paths()), time, log) { Services = services };
            await stage(context, cancellationToken).ConfigureAwait(false);
            return StageExitCodes.Success;
        }
        catch (ConfigValidationException e)
        {
            StageLog.Error(log, $"epy-stage {args[0]}: bad input: {e.Message}");
            return StageExitCodes.BadInput;
        }
        catch (StageException e)
        {
            StageLog.Error(log, $"epy-stage {args[0]}: {(e.ExitCode == StageExitCodes.BadInput ? "bad input" : "transient failure")}: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is ModelValidationException or JsonException or InvalidDataException or ArgumentException or KeyNotFoundException)
        {
            StageLog.Error(log, $"epy-stage {args[0]}: bad input: {e.Message}");
            return StageExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException or UnauthorizedAccessException or OperationCanceledException)
        {
            StageLog.Error(log, $"epy-stage {args[0]}: transient failure: {e.GetType().Name}: {e.Message}");
            return StageExitCodes.Transient;
        }
    }

    private static IArtifactStore OpenStore(StageSettings settings, Func<string, string?> env)
    {
        if (settings.Mode == ExecutionMode.Local)
            return new LocalArtifactStore(StageSettings.Require(settings.LocalDataPath, StageVariables.LocalDataPath, "the local artifact folder (EXECUTION_MODE=local)"));
        var bucket = StageSettings.Require(settings.Bucket, StageVariables.Bucket, "the bucket holding the run (EXECUTION_MODE=cloud)");
        // One client for the process: the stage program runs one stage and exits. STORAGE_EMULATOR_HOST
        // names an emulator (no credentials); otherwise Application Default Credentials.
        var client = StorageClients.Create(CloudEmulators.Storage(env));
        return new GcsArtifactStore(new StorageBucket(client, bucket, new StorageSettings(), TimeProvider.System));
    }
}
