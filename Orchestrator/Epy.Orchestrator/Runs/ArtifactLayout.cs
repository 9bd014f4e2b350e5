namespace Epy.Orchestrator.Runs;

/// <summary>Where runs' files live inside the bucket (or local folder): <c>{DirPrefix}{exp_id}/{run_id}/</c>.</summary>
/// <param name="DirPrefix">Empty, or a prefix ending in '/' such as <c>pipeline/flu/</c>.</param>
public sealed record ArtifactLayout(string DirPrefix);
