using System.Text.Json;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// Validates the hub rows just written against the hub config (<c>HUB_CONFIG_DIR</c>, else the
    /// FluSight one shipped in <c>data/flusight-hub/</c>) and writes <c>outputs/submission_validation.json</c>.
    /// An invalid submission does not fail the run; an unreadable hub config is a warning.
    /// </summary>
    private static async Task<SubmissionVerdict?> ValidateSubmissionAsync(StageContext context, RunFolder run, IReadOnlyList<HubRow> rows,
        List<string> written, List<string> warnings, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return null;
        var folder = context.Settings.HubConfigDir ?? Path.Combine(context.Settings.ShippedData, "flusight-hub", "hub-config");
        HubConfig config;
        try
        {
            config = HubConfigFolder.Load(folder);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            warnings.Add($"submission validation: skipped, cannot read the hub config: {e.Message}");
            return null;
        }
        var csv = TableFile.Csv(w => HubWriter.Write(w, rows));
        var verdict = SubmissionVerdict.Of(SubmissionValidator.Validate(config, SubmissionTable.Parse(csv)), folder);
        if (!verdict.Valid)
            warnings.Add($"submission validation: the hub file breaks {verdict.Problems.Count} of the hub's rules (outputs/{SubmissionVerdict.FileName})");
        await run.WriteAsync(run.Paths.Outputs + SubmissionVerdict.FileName, JsonSerializer.SerializeToUtf8Bytes(verdict, PipelineJsonContext.Default.SubmissionVerdict), cancellationToken).ConfigureAwait(false);
        written.Add(SubmissionVerdict.FileName);
        return verdict;
    }
}
