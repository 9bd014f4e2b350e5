using System.Text.Json;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// The hub config the submission is built and validated against (<c>HUB_CONFIG_DIR</c>, else the
    /// FluSight one shipped in <c>data/flusight-hub/</c>); null with a warning when it cannot be read.
    /// </summary>
    private static (HubConfig? Config, string Folder) ReadHubConfig(StageContext context, List<string> warnings)
    {
        var folder = context.Settings.HubConfigDir ?? Path.Combine(context.Settings.ShippedData, "flusight-hub", "hub-config");
        try
        {
            return (HubConfigFolder.Load(folder), folder);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            warnings.Add($"submission validation: skipped, cannot read the hub config: {e.Message}");
            return (null, folder);
        }
    }

    /// <summary>
    /// Validates the hub rows just written against the hub config (<see cref="ReadHubConfig"/>) and writes
    /// <c>outputs/submission_validation.json</c>. An invalid submission does not fail the run; an unreadable
    /// hub config was a warning already.
    /// </summary>
    private static async Task<SubmissionVerdict?> ValidateSubmissionAsync(RunFolder run, IReadOnlyList<HubRow> rows, (HubConfig? Config, string Folder) hubConfig,
        List<string> written, List<string> warnings, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 || hubConfig.Config is not { } config)
            return null;
        var folder = hubConfig.Folder;
        var csv = TableFile.Csv(w => HubWriter.Write(w, rows));
        var verdict = SubmissionVerdict.Of(SubmissionValidator.Validate(config, SubmissionTable.Parse(csv)), folder);
        if (!verdict.Valid)
            warnings.Add($"submission validation: the hub file breaks {verdict.Problems.Count} of the hub's rules (outputs/{SubmissionVerdict.FileName})");
        await run.WriteAsync(run.Paths.Outputs + SubmissionVerdict.FileName, JsonSerializer.SerializeToUtf8Bytes(verdict, PipelineJsonContext.Default.SubmissionVerdict), cancellationToken).ConfigureAwait(false);
        written.Add(SubmissionVerdict.FileName);
        return verdict;
    }
}
