namespace Epy.Cli.Validation;

/// <summary>The report <c>epy-stage validate</c> prints (snake-case JSON), as the CLI reads it.</summary>
/// <param name="ExpId">The experiment.</param>
/// <param name="Valid">True when the builder would build it.</param>
/// <param name="Kind">calibration, sampling or simulation (valid only).</param>
/// <param name="TaskCount">The Stage B tasks a run would have.</param>
/// <param name="Locations">The locations modelled.</param>
/// <param name="Files">The config files read.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record ValidationResult(string ExpId, bool Valid, string? Kind, int TaskCount, IReadOnlyList<string> Locations, IReadOnlyList<string> Files, IReadOnlyList<ValidationIssue> Errors);
