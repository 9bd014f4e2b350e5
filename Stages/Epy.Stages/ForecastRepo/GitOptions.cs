namespace Epy.Stages.ForecastRepo;

/// <summary>How the builder runs git to clone the forecast repository.</summary>
public sealed record GitOptions
{
    /// <summary>The git executable, found on PATH by default.</summary>
    public string Executable { get; init; } = "git";

    /// <summary>The longest the whole clone may take before it is stopped as a transient failure (default 5 min).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
