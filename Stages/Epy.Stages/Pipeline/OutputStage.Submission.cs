using System.Text.Json;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// The hub config the submission is built and validated against: <c>flusight_format.hub_config</c> (the copy
    /// the builder shipped with the run), else <c>HUB_CONFIG_DIR</c>, else the FluSight one shipped in
    /// <c>data/flusight-hub/</c>. A configured folder that cannot be read is bad input; the shipped one missing
    /// is a warning (null: the built-in targets are used and the submission is not validated).
    /// </summary>
    private static (HubConfig? Config, string Folder) ReadHubConfig(StageContext context, RunWorkspace workspace, FlusightFormatConfig hub, List<string> warnings)
    {
        var (folder, name, configured) = hub.HubConfig is { } relative
            ? (Path.Combine(workspace.Root, relative.Value), relative.Value, $"{Where(workspace, relative.Span)}: output.flusight_format.hub_config")
            : context.Settings.HubConfigDir is { } setting
                ? (setting, setting, "HUB_CONFIG_DIR")
                : (Path.Combine(context.Settings.ShippedData, "flusight-hub", "hub-config"), Path.Combine(context.Settings.ShippedData, "flusight-hub", "hub-config"), null);
        if (hub.HubConfig is { } shipped && !Directory.Exists(folder))
        {
            throw StageException.BadInput($"{configured}: the run has no copy of '{shipped.Value}': the builder ships the hub config the experiment's output config names "
                + "(an OUTPUT_CONFIG_FILE naming another one needs a rebuild)");
        }
        try
        {
            return (HubConfigFolder.Load(folder), name);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            if (configured is not null)
                throw StageException.BadInput($"{configured}: cannot read the hub config {name}: {e.Message.Replace(workspace.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)}", e);
            warnings.Add($"submission validation: skipped, cannot read the hub config: {e.Message}");
            return (null, name);
        }
    }

    /// <summary>
    /// Validates the hub rows just written against the hub config (<see cref="ReadHubConfig"/>) and writes
    /// <c>outputs/submission_validation.json</c>, naming the hub-named file, the model id and the round. An invalid
    /// submission does not fail the run; an unreadable hub config was a warning already.
    /// </summary>
    private static async Task<SubmissionVerdict?> ValidateSubmissionAsync(RunFolder run, HubSubmission? submission, List<string> written, List<string> warnings,
        CancellationToken cancellationToken)
    {
        if (submission is not { Rows.Count: > 0, Config: { } config })
            return null;
        var csv = TableFile.Csv(w => HubWriter.Write(w, submission.Rows));
        var verdict = SubmissionVerdict.Of(SubmissionValidator.Validate(config, SubmissionTable.Parse(csv)), submission.Folder) with
        {
            SubmissionFile = submission.SubmissionFile,
            ModelId = submission.ModelId,
            ReferenceDate = CsvText.Date(submission.ReferenceDate),
        };
        if (!verdict.Valid)
            warnings.Add($"submission validation: the hub file breaks {verdict.Problems.Count} of the hub's rules (outputs/{SubmissionVerdict.FileName})");
        await run.WriteAsync(run.Paths.Outputs + SubmissionVerdict.FileName, JsonSerializer.SerializeToUtf8Bytes(verdict, PipelineJsonContext.Default.SubmissionVerdict), cancellationToken).ConfigureAwait(false);
        written.Add(SubmissionVerdict.FileName);
        return verdict;
    }
}
