namespace Epy.Stages.ForecastRepo;

/// <summary>How one git command ended.</summary>
/// <param name="ExitCode">Its exit code (0: success).</param>
/// <param name="StandardOutput">What it printed on stdout.</param>
/// <param name="StandardError">What it printed on stderr.</param>
public sealed record GitResult(int ExitCode, string StandardOutput, string StandardError);
