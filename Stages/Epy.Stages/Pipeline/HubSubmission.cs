using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Pipeline;

/// <summary>The hub file Stage C wrote and what it was built against.</summary>
/// <param name="Rows">The rows of <c>output_hub_formatted</c> (and of the hub-named file).</param>
/// <param name="Config">The hub config; null when none could be read (the built-in FluSight targets were used).</param>
/// <param name="Folder">The hub-config folder as the run names it: repository-relative for <c>hub_config</c>, else a path.</param>
/// <param name="ReferenceDate">The round.</param>
/// <param name="ModelId"><c>{team_abbr}-{model_abbr}</c>; null when not configured.</param>
/// <param name="SubmissionFile">The hub-named CSV under <c>outputs/</c>; null when not configured.</param>
internal sealed record HubSubmission(IReadOnlyList<HubRow> Rows, HubConfig? Config, string Folder, DateOnly ReferenceDate, string? ModelId, string? SubmissionFile);
