using System.Globalization;
using Epy.Cli.Storage;
using Epy.Cli.Targets;
using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Orchestrator.Runs;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud download --hub-layout</c>: puts a run's hub submission where a hub fork keeps it,
/// <c>{dest}/model-output/{model_id}/{submission_file}</c> (and its <c>.parquet</c> sibling when the run has one),
/// named by the run's <c>outputs/submission_validation.json</c>.
/// </summary>
public static class HubLayoutDownload
{
    /// <summary>What was copied, and the hub's verdict on it.</summary>
    /// <param name="Files">The files copied (or, with a dry run, to be copied).</param>
    /// <param name="Submission">The verdict.</param>
    public sealed record Result(IReadOnlyList<DownloadCommand.Downloaded> Files, SubmissionView Submission);

    /// <summary>
    /// Copies the submission of the chosen run (exactly one) into <paramref name="destination"/>'s hub layout. Writes
    /// nothing when a file is there already with other content, unless <paramref name="force"/>; an identical file is
    /// left as is. An invalid verdict does not stop the copy (the caller warns).
    /// </summary>
    public static async Task<Result> DownloadAsync(IBucketReader reader, StorageTarget target, GlobPattern experiments, string? runId,
        string destination, bool force, TextWriter progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        var catalog = new RunCatalog(reader, target.DirPrefix);
        var chosen = await DownloadCommand.ChooseRunsAsync(catalog, target, experiments, runId, cancellationToken).ConfigureAwait(false);
        if (chosen.Count > 1)
            throw CliException.Configuration($"--hub-layout takes one run; '{experiments}' matches {chosen.Count} experiments ({string.Join(", ", chosen.Select(c => c.ExpId))})",
                "name one experiment with --exp-id");
        var (expId, run) = chosen[0];
        var root = catalog.RunRoot(expId, run);
        var label = $"run {expId}/{run}";
        var files = (await catalog.FilesAsync(expId, run, cancellationToken).ConfigureAwait(false)).ToDictionary(f => f.Name, StringComparer.Ordinal);

        const string verdictName = "outputs/" + SubmissionValidationFile.FileName;
        if (!files.TryGetValue(verdictName, out var verdictFile))
            throw CliException.Failed($"{label} has no {verdictName}: Stage C writes it when the output config has flusight_format",
                "see 'epycloud runs show' (the run may not have reached Stage C yet)");
        var submission = await ReadVerdictAsync(reader, root + verdictName, verdictFile.Size, cancellationToken).ConfigureAwait(false);
        if (submission.Valid is null)
            throw CliException.Failed($"{target.Describe(root + verdictName)}: {submission.Unreadable}");
        var (modelId, fileName) = HubLayoutPaths.Names(submission, label);

        string[] wanted = [.. new[] { fileName, Path.ChangeExtension(fileName, ".parquet") }.Distinct(StringComparer.Ordinal)];
        if (!files.ContainsKey("outputs/" + fileName))
            throw CliException.Failed($"{label}: the verdict names outputs/{fileName}, which the run does not have", "see 'epycloud runs show'");
        var sources = wanted.Where(name => files.ContainsKey("outputs/" + name)).ToList();
        var folder = HubLayoutPaths.Folder(destination, modelId);

        var done = new List<DownloadCommand.Downloaded>();
        if (dryRun)
        {
            foreach (var name in sources)
            {
                var planned = new DownloadCommand.Downloaded(expId, run.Value, "outputs/" + name, target.Describe(root + "outputs/" + name), Path.Combine(folder, name), files["outputs/" + name].Size);
                done.Add(planned);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"would copy {planned.Source} -> {planned.Path} ({planned.Bytes} bytes)")).ConfigureAwait(false);
            }
            return new Result(done, submission);
        }

        // Every file is fetched and compared before any is put in place: a refusal writes nothing.
        Directory.CreateDirectory(folder);
        var staged = new List<(string Name, string Partial, string Path, bool Same)>();
        try
        {
            foreach (var name in sources)
            {
                var path = Path.Combine(folder, name);
                var partial = path + ".partial";
                var stream = File.Create(partial);
                await using (stream.ConfigureAwait(false))
                    await reader.CopyToAsync(root + "outputs/" + name, stream, cancellationToken).ConfigureAwait(false);
                var same = File.Exists(path) && await SameContentAsync(path, partial, cancellationToken).ConfigureAwait(false);
                staged.Add((name, partial, path, same));
                if (File.Exists(path) && !same && !force)
                    throw CliException.Failed($"{path} exists with other content; nothing was written", "pass --force to overwrite it");
            }
            foreach (var (name, partial, path, same) in staged)
            {
                if (same)
                    File.Delete(partial);
                else
                    File.Move(partial, path, overwrite: true);
                var item = new DownloadCommand.Downloaded(expId, run.Value, "outputs/" + name, target.Describe(root + "outputs/" + name), path, new FileInfo(path).Length);
                done.Add(item);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{item.Source} -> {item.Path} ({item.Bytes} bytes{(same ? ", unchanged" : "")})")).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var name in sources)
                File.Delete(Path.Combine(folder, name) + ".partial");
        }
        return new Result(done, submission);
    }

    private static async Task<SubmissionView> ReadVerdictAsync(IBucketReader reader, string name, long size, CancellationToken cancellationToken)
    {
        if (size > SubmissionVerdicts.MaxBytes)
            return SubmissionVerdicts.TooLarge(size);
        using var buffer = new MemoryStream();
        await reader.CopyToAsync(name, buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return await SubmissionVerdictReader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> SameContentAsync(string a, string b, CancellationToken cancellationToken)
    {
        if (new FileInfo(a).Length != new FileInfo(b).Length)
            return false;
        var left = await File.ReadAllBytesAsync(a, cancellationToken).ConfigureAwait(false);
        var right = await File.ReadAllBytesAsync(b, cancellationToken).ConfigureAwait(false);
        return left.AsSpan().SequenceEqual(right);
    }
}
