using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Epy.Contracts.Runs;

/// <summary>
/// The deterministic id of one attempt of a stage's job: <c>stage-b-{run_id}-{attempt}</c>. Submitting
/// the same attempt twice names the same job, so a repeated submit can never start a second one.
/// At most 63 lowercase characters (Batch's job id rule).
/// </summary>
/// <param name="Stage">The stage.</param>
/// <param name="Run">The run.</param>
/// <param name="Attempt">1 for the first job of the stage, then 2, 3, ... for resumes.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(JobIdJsonConverter))]
public sealed record JobId(Stage Stage, RunId Run, int Attempt)
{
    /// <summary>The id's text: <c>stage-b-20261124-101500-a1b2c3d4-1</c>.</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture, $"stage-{Stage.Letter()}-{Run}-{Attempt}");

    /// <summary>
    /// Parses a job id, or a full Batch job name (<c>projects/p/locations/l/jobs/{id}</c>), returning
    /// false for a job this product did not create.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JobId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
            return false;
        var slash = text.LastIndexOf('/');
        var name = slash >= 0 ? text[(slash + 1)..] : text;
        // stage-x-YYYYMMDD-HHMMSS-hhhhhhhh-N
        if (name.Length < 8 + 24 + 2 || !name.StartsWith("stage-", StringComparison.Ordinal) || name[7] != '-')
            return false;
        if (StageNames.FromLetter(name[6]) is not { } stage || char.IsUpper(name[6]))
            return false;
        if (!RunId.TryParse(name.Substring(8, 24), out var run) || name[32] != '-')
            return false;
        var attemptText = name[33..];
        if (attemptText.Length is 0 or > 4 || attemptText[0] == '0' || !attemptText.All(char.IsAsciiDigit))
            return false;
        id = new JobId(stage, run, int.Parse(attemptText, CultureInfo.InvariantCulture));
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
