using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Epy.Cli.Configuration;
using Epy.Cli.Jobs;
using Epy.Cli.Storage;
using Epy.Cli.Targets;
using Epy.Contracts.Runs;
using Epy.Google;
using Epy.Orchestrator.Cloud.Storage;

namespace Epy.Cli;

public static partial class RunJobCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Without <c>--local</c>: one Cloud Batch job for the stage, created directly (the orchestrator knows nothing of it).
    /// Refuses, as <c>run --dry-run</c> does, a configuration without project, region, bucket or image; N comes from
    /// <c>--num-tasks</c> or the run's manifest in the bucket. <c>--dry-run</c> prints the <c>jobs.create</c> call and creates nothing.
    /// </summary>
    private static async Task<int> RunCloudAsync(CliContext context, Arguments arguments, string? imageTag, bool wait, TimeSpan poll, CancellationToken ct)
    {
        var config = context.Config;
        var request = new RunFlags(arguments.ExpId, arguments.RunId, ImageTag: imageTag).CloudRequest(config);
        DryRunPlan.Check(request, config, "the Batch job cannot be made");
        string? Env(string name) => context.Variables.GetValueOrDefault(name);
        var manifest = await ManifestAsync(config, arguments, Env, ct).ConfigureAwait(false);
        var job = StageJob.Plan(arguments.Stage, arguments.ExpId, arguments.RunId, arguments.TaskIndex, arguments.NumTasks, (_, _) => manifest, NewRun, local: false);
        var target = BatchTarget.Of(config, Env);
        var jobId = job.CloudJobId((uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));
        var body = DryRunPlan.StageJobBody(request with { RunId = job.Run.Value }, config, job, jobId, arguments.OutputConfig);
        var what = Describe(job);
        if (context.DryRun)
        {
            context.Out.WriteLine($"dry run: nothing is created. {what} would be Batch job {jobId}:");
            context.Out.WriteLine($"POST {target.BaseAddress}v1/{target.Parent}/jobs?jobId={jobId}");
            context.Out.WriteLine(body.ToJsonString(Indented));
            return ExitCodes.Ok;
        }

        // Whole seconds, a little before the job exists: the logs command shows this job's lines, not an earlier attempt's.
        var since = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var jobs = new BatchJobs(target, Env, TimeProvider.System);
        await jobs.CreateAsync(jobId, body, ct).ConfigureAwait(false);
        var logs = string.Create(CultureInfo.InvariantCulture,
            $"epycloud logs --run-id {job.Run} --stage {job.Stage.Letter()} --project {target.Project} --since {since:yyyy-MM-ddTHH:mm:ssZ}");
        if (context.Quiet && !wait)
        {
            context.Out.WriteLine(jobId);
            return ExitCodes.Ok;
        }
        context.Say($"{what}: Batch job {jobId} created in {target.Parent}");
        context.Say($"  console: {target.ConsoleLink(jobId)}");
        context.Say($"  logs:    {logs}");
        if (wait)
            return await FollowAsync(context, jobs, target, jobId, job, logs, poll, ct).ConfigureAwait(false);
        if (Next(job, "") is { } next)
            context.Say($"next, once it has succeeded: {next}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Polls the job (<c>jobs.get</c>) until it ends, a line per change; exit 0 when it succeeded, 1 when it failed or was
    /// cancelled (with the failed task's exit code), 130 on Ctrl-C (the job goes on).
    /// </summary>
    private static async Task<int> FollowAsync(CliContext context, BatchJobs jobs, BatchTarget target, string jobId, StageJob job, string logs, TimeSpan poll, CancellationToken ct)
    {
        string? shown = null;
        BatchJobView view;
        try
        {
            while (true)
            {
                view = await jobs.GetAsync(jobId, ct).ConfigureAwait(false);
                if (view.ToString() != shown)
                    context.Say($"job {jobId}: {shown = view.ToString()}");
                if (view.IsFinal)
                    break;
                await Task.Delay(poll, TimeProvider.System, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Fail($"stopped following job {jobId}; it goes on", $"see it at {target.ConsoleLink(jobId)}");
            return ExitCodes.Interrupted;
        }
        var what = Describe(job);
        if (view.State == "SUCCEEDED")
        {
            context.Out.WriteLine($"{what}: SUCCEEDED");
            if (Next(job, "") is { } next)
                context.Say($"next: {next}");
            return ExitCodes.Ok;
        }
        var exit = view.State == "FAILED" ? await jobs.FailedExitCodeAsync(jobId, ct).ConfigureAwait(false) : null;
        context.Out.WriteLine($"{what}: {view.State}{(exit is { } code ? string.Create(CultureInfo.InvariantCulture, $" (exit {code})") : "")}; its logs: {logs}");
        return ExitCodes.RunFailed;
    }

    /// <summary>
    /// The run's <c>builder-artifacts/manifest.json</c> in the configuration's bucket (through the CLI's bucket reader,
    /// so <c>STORAGE_EMULATOR_HOST</c> too), or null: when it is not needed (Stage A, <c>--num-tasks</c>), when the
    /// arguments do not name a run (<see cref="StageJob.Plan"/> says why), or when the run has none.
    /// </summary>
    private static async Task<byte[]?> ManifestAsync(EpycloudConfig config, Arguments arguments, Func<string, string?> env, CancellationToken ct)
    {
        if (arguments.Stage == Stage.Builder || arguments.NumTasks is not null
            || !ExperimentId.TryParse(arguments.ExpId, out var experiment, out _) || !RunId.TryParse(arguments.RunId, out var run))
            return null;
        var emulator = CloudEmulators.Storage(env);
        var bucket = new StorageTarget(config.Bucket, config.DirPrefix, "", emulator ?? GcsRunArtifacts.DefaultBaseUri, emulator is not null);
        var reader = BucketReaders.Open(bucket, env, TimeSpan.FromSeconds(30));
        var name = new ArtifactPaths(config.DirPrefix, experiment, run).Manifest;
        var listing = await reader.ListAsync(name[..(name.LastIndexOf('/') + 1)], delimited: true, ct).ConfigureAwait(false);
        if (!listing.Objects.Any(o => o.Name == name))
            return null;
        using var content = new MemoryStream();
        await reader.CopyToAsync(name, content, ct).ConfigureAwait(false);
        return content.ToArray();
    }
}
