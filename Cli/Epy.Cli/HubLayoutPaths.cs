using Epy.Contracts.Api;

namespace Epy.Cli;

/// <summary>Where a hub fork keeps a submission (pure): <c>{root}/model-output/{model_id}/{submission_file}</c>.</summary>
public static class HubLayoutPaths
{
    /// <summary>The hub's folder of model outputs, at the root of a hub fork.</summary>
    public const string ModelOutput = "model-output";

    /// <summary>
    /// The model id and file name <paramref name="submission"/> names, each one plain path segment; fails with what
    /// to set when the run named no submission (<paramref name="run"/> says which run).
    /// </summary>
    public static (string ModelId, string FileName) Names(SubmissionView submission, string run)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.SubmissionFile is not { } file || submission.ModelId is not { } model)
        {
            throw CliException.Configuration($"{run} names no hub submission (its verdict has no submission_file and model_id)",
                "set output.flusight_format.team_abbr and output.flusight_format.model_abbr in the experiment's output config, then run it again");
        }
        // The verdict is a file in a bucket others write: its names must not lead out of the hub's folder.
        foreach (var (field, value) in new[] { ("model_id", model), ("submission_file", file) })
        {
            if (!IsPlainSegment(value))
                throw CliException.Failed($"{run}: the verdict's {field} '{value}' is not a plain file name");
        }
        return (model, file);
    }

    /// <summary>The folder the submission of <paramref name="modelId"/> goes to under <paramref name="root"/>.</summary>
    public static string Folder(string root, string modelId) => Path.Combine(root, ModelOutput, modelId);

    private static bool IsPlainSegment(string value) =>
        value.Length is > 0 and <= 255 && value is not "." and not ".." && value.IndexOfAny(['/', '\\', '\0']) < 0 && value.Trim() == value;
}
