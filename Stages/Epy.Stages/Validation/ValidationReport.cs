using Epy.Stages.Configs;

namespace Epy.Stages.Validation;

/// <summary>
/// What <c>epy-stage validate</c> found: the experiment builds (its tasks, locations and configs) or
/// every error, each with its file, line, column and field. Printed as snake-case JSON on stdout.
/// </summary>
/// <param name="ExpId">The experiment validated.</param>
/// <param name="Valid">True when the builder would build it.</param>
/// <param name="Kind">calibration, sampling or simulation; null when invalid.</param>
/// <param name="TaskCount">The Stage B tasks a run would have; 0 when invalid.</param>
/// <param name="Locations">The locations modelled.</param>
/// <param name="Files">The config files read.</param>
/// <param name="Errors">Every problem found (empty when valid).</param>
public sealed record ValidationReport(
    string ExpId,
    bool Valid,
    string? Kind,
    int TaskCount,
    IReadOnlyList<string> Locations,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigError> Errors);
