using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Contracts.Outputs;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// Reads the hub's verdict on a run's submission (<c>outputs/submission_validation.json</c>) into its
/// <see cref="SubmissionView"/>: the one reading the API, the dashboard and the CLI share. A file that cannot be
/// read gives a view that says why, never an exception.
/// </summary>
public static class SubmissionVerdicts
{
    /// <summary>Verdict files larger than this are not read (a page should stay light).</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>Problems a page or a terminal lists; the rest are counted.</summary>
    public const int ProblemsShown = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>An unreadable verdict, for <paramref name="why"/>.</summary>
    public static SubmissionView Unreadable(string why) => new(null, [], null, null, null, null, why);

    /// <summary>A verdict file of <paramref name="bytes"/> bytes that is not read.</summary>
    public static SubmissionView TooLarge(long bytes) =>
        Unreadable(string.Create(CultureInfo.InvariantCulture, $"{SubmissionValidationFile.FileName} is over {MaxBytes / 1024 / 1024} MiB ({bytes} bytes)"));

    /// <summary>The verdict in <paramref name="json"/>, the content of a verdict file.</summary>
    public static SubmissionView Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
            return TooLarge(json.Length);
        SubmissionValidationFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SubmissionValidationFile>(json, Json);
        }
        catch (JsonException malformed)
        {
            return Unreadable($"{SubmissionValidationFile.FileName} is not valid JSON: {malformed.Message}");
        }
        if (file?.Valid is not { } valid)
            return Unreadable($"{SubmissionValidationFile.FileName} has no verdict");
        return new SubmissionView(valid, [.. (file.Problems ?? []).Where(p => p is not null)],
            Blank(file.SubmissionFile), Blank(file.ModelId), Blank(file.ReferenceDate), Blank(file.HubConfig), null);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
