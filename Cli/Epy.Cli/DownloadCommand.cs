using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Epy.Cli.Storage;
using Epy.Cli.Targets;
using Epy.Contracts.Runs;

namespace Epy.Cli;

/// <summary><c>epycloud download</c>: copies run files (the outputs by default) from the bucket or the local state folder.</summary>
public static class DownloadCommand
{
    /// <summary>What <c>download</c> copies when no <c>--files</c> is given.</summary>
    public const string DefaultFiles = "outputs/**";

    /// <summary>One file copied.</summary>
    /// <param name="ExpId">Its experiment.</param>
    /// <param name="RunId">Its run.</param>
    /// <param name="Name">Its name in the run's folder.</param>
    /// <param name="Source">Where it came from.</param>
    /// <param name="Path">Where it went.</param>
    /// <param name="Bytes">Its size.</param>
    public sealed record Downloaded(string ExpId, string RunId, string Name, string Source, string Path, long Bytes);

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var expId = new Option<string>("--exp-id", "-e", "--exp-filter") { Description = "The experiments: an id or a glob (* within a '/' segment, ** across)", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "This run (default: each experiment's newest)" };
        var output = new Option<string?>("--output-dir", "-o", "--dest")
        {
            Description = "Where to put the files: {dir}/{exp_id}/{run_id}/... (default: ./downloads); with --hub-layout, the hub fork's root (default: the current folder)",
        };
        var files = new Option<string[]>("--files") { Description = $"Globs over names in the run's folder (default: {DefaultFiles}; e.g. 'outputs/*.csv.gz' run_metadata.json)", AllowMultipleArgumentsPerToken = true };
        var hubLayout = new Option<bool>("--hub-layout")
        {
            Description = "Put the run's hub submission (named by outputs/submission_validation.json; its .parquet sibling too) at {dir}/model-output/{model_id}/{file}, "
                + "where a hub fork's pull request expects it, and print the hub's verdict. One run only. An invalid submission is still written, with a warning, "
                + "and the exit code is 0 (fix it by hand, then check it with 'epycloud submission validate')",
        };
        var nameFormat = new Option<string?>("--name-format")
        {
            Description = "path (default): {dir}/{exp_id}/{run_id}/outputs/...; as the original epycloud, long: {dir}/{exp_id}/{exp_id}_{run_id}_outputs_{file} "
                + "('/' flattened to '_'), or short: {dir}/{exp_id}/{file}",
        };
        nameFormat.AcceptOnlyFromAmong("path", "long", "short");
        var nestRuns = new Option<bool>("--nest-runs") { Description = "With long or short names: a {run_id}/ folder under each experiment's (alone: long names)" };
        var force = new Option<bool>("--force") { Description = "With --hub-layout: overwrite a file that is there already with other content (else nothing is written)" };
        var listing = GlobalOptions.OutputWithAliases();
        var command = new Command("download", "Download run files (outputs by default) from the bucket (google_cloud.bucket_name), or from the local state folder when no bucket is set (or with --local); "
            + "--hub-layout puts a run's hub submission into a hub fork")
        {
            expId, runId, output, files, nameFormat, nestRuns, hubLayout, force, listing, TargetOptions.Bucket, TargetOptions.DirPrefix, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir,
        };
        CliAction.Set(command, async (context, parse, ct) =>
        {
            var target = TargetOptions.Storage(parse, context);
            var reader = BucketReaders.Open(target, name => context.Variables.GetValueOrDefault(name), TimeSpan.FromMinutes(30));
            var progress = context.Json || context.Quiet ? TextWriter.Null : context.Out;
            var layout = DownloadLayout.From(parse.GetValue(nameFormat), parse.GetValue(nestRuns));
            if (parse.GetValue(hubLayout))
            {
                if (layout != new DownloadLayout())
                    throw CliException.Configuration("--name-format and --nest-runs do not go with --hub-layout", "the hub decides the submission's path");
                return await HubLayoutAsync(context, reader, target, parse.GetValue(expId)!, parse.GetValue(runId), parse.GetValue(files), parse.GetValue(output), parse.GetValue(force), progress, ct).ConfigureAwait(false);
            }
            if (parse.GetValue(force))
                throw CliException.Configuration("--force goes with --hub-layout", "plain downloads overwrite what they copy");
            var globs = parse.GetValue(files) is { Length: > 0 } given ? given : [DefaultFiles];
            var done = await DownloadAsync(reader, target, new GlobPattern(parse.GetValue(expId)!), parse.GetValue(runId), [.. globs.Select(g => new GlobPattern(g))],
                Path.GetFullPath(parse.GetValue(output) ?? "downloads"), layout, progress, context.DryRun, ct).ConfigureAwait(false);
            if (context.Json)
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { files = done }, CliJson.Options)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, TargetOptions.ProjectDir);
        return command;
    }

    private static async Task<int> HubLayoutAsync(CliContext context, IBucketReader reader, StorageTarget target, string expId, string? runId,
        string[]? files, string? output, bool force, TextWriter progress, CancellationToken cancellationToken)
    {
        if (files is { Length: > 0 })
            throw CliException.Configuration("--hub-layout takes the run's submission; --files does not go with it");
        var result = await HubLayoutDownload.DownloadAsync(reader, target, new GlobPattern(expId), runId, Path.GetFullPath(output ?? "."), force, progress, context.DryRun, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { files = result.Files, submission = result.Submission }, CliJson.Options)).ConfigureAwait(false);
        }
        else
        {
            foreach (var line in RunTable.SubmissionLines(result.Submission))
                context.Say(line);
        }
        if (result.Submission.Valid is false)
        {
            await context.Error.WriteLineAsync("epycloud: warning: the hub would reject this submission (see the problems above, or 'epycloud submission validate'); "
                + "it was written so that it can be fixed by hand").ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Copies the files matching <paramref name="files"/> of the chosen runs to <paramref name="destination"/>, placed by
    /// <paramref name="layout"/> (with <paramref name="dryRun"/>: only says what it would
    /// copy, writing nothing); fails when nothing matched, or when two files of a run would get the same path.
    /// </summary>
    public static async Task<IReadOnlyList<Downloaded>> DownloadAsync(IBucketReader reader, StorageTarget target, GlobPattern experiments, string? runId,
        IReadOnlyList<GlobPattern> files, string destination, DownloadLayout layout, TextWriter progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(progress);
        var catalog = new RunCatalog(reader, target.DirPrefix);
        var chosen = await ChooseRunsAsync(catalog, target, experiments, runId, cancellationToken).ConfigureAwait(false);
        var done = new List<Downloaded>();
        foreach (var (expId, run) in chosen)
        {
            var root = catalog.RunRoot(expId, run);
            var names = (await catalog.FilesAsync(expId, run, cancellationToken).ConfigureAwait(false))
                .Where(o => files.Any(f => f.IsMatch(o.Name)))
                .ToList();
            // Flat names may collide (two outputs/**/x.csv with short names): refuse before copying anything of the run.
            if (names.GroupBy(f => layout.LocalPath(destination, expId, run.Value, f.Name), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
                throw CliException.Configuration($"{string.Join(" and ", clash.Select(f => f.Name))} would both be written to {clash.Key}", "use --name-format long (or path), or a narrower --files");
            foreach (var file in names)
            {
                // A bucket is written by others: a name must not lead out of the destination folder.
                if (file.Name.Split('/').Any(segment => segment is "" or "." or ".."))
                    throw CliException.Failed($"{target.Describe(root + file.Name)}: refusing a name with empty, '.' or '..' segments", "download the other files with a narrower --files");
                var path = layout.LocalPath(destination, expId, run.Value, file.Name);
                if (dryRun)
                {
                    var planned = new Downloaded(expId, run.Value, file.Name, target.Describe(root + file.Name), path, file.Size);
                    done.Add(planned);
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"would copy {planned.Source} -> {planned.Path} ({planned.Bytes} bytes)")).ConfigureAwait(false);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var partial = path + ".partial";
                var stream = File.Create(partial);
                await using (stream.ConfigureAwait(false))
                    await reader.CopyToAsync(root + file.Name, stream, cancellationToken).ConfigureAwait(false);
                File.Move(partial, path, overwrite: true);
                var item = new Downloaded(expId, run.Value, file.Name, target.Describe(root + file.Name), path, new FileInfo(path).Length);
                done.Add(item);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{item.Source} -> {item.Path} ({item.Bytes} bytes)")).ConfigureAwait(false);
            }
        }
        if (done.Count == 0)
            throw CliException.Failed($"no file of {string.Join(", ", chosen.Select(c => $"{c.ExpId}/{c.Run}"))} matches {string.Join(" ", files.Select(f => $"'{f}'"))}",
                "the run may not have reached Stage C yet (see 'epycloud runs show'); pass --files '**' to take everything");
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{done.Count} file(s), {done.Sum(d => d.Bytes)} bytes, {(dryRun ? "would go " : "")}in {destination}")).ConfigureAwait(false);
        return done;
    }

    /// <summary>
    /// The runs <paramref name="runId"/> names (or each experiment's newest) among the experiments matching
    /// <paramref name="experiments"/>; fails when there is none.
    /// </summary>
    public static async Task<IReadOnlyList<(string ExpId, RunId Run)>> ChooseRunsAsync(RunCatalog catalog, StorageTarget target, GlobPattern experiments, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(target);
        RunId? wanted = null;
        if (runId is not null)
        {
            wanted = RunId.TryParse(runId, out var parsed) ? parsed
                : throw CliException.Configuration($"'{runId}' is not a run id", "run ids look like 20261124-101500-a1b2c3d4 (see 'epycloud experiment list')");
        }
        var found = await catalog.FindAsync(experiments, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
            throw CliException.Failed($"no experiment matches '{experiments}' under {target.Describe(target.DirPrefix)}", "see 'epycloud experiment list'");
        var chosen = found
            .Select(e => (e.ExpId, Run: wanted is { } w ? (e.Runs.Contains(w) ? w : (RunId?)null) : e.Runs[0]))
            .Where(c => c.Run is not null)
            .Select(c => (c.ExpId, c.Run!.Value))
            .ToList();
        if (chosen.Count == 0)
            throw CliException.Failed($"no experiment matching '{experiments}' has run {runId}", $"see 'epycloud experiment list --exp-id {experiments}'");
        return chosen;
    }
}
