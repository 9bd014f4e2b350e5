namespace Epy.Cli.Configuration;

/// <summary>What the global options chose: null fields fall back to the variables, then the defaults.</summary>
/// <param name="ConfigDir"><c>--config DIR</c>.</param>
/// <param name="Environment"><c>--env</c> (else <c>EPYCLOUD_ENV</c>, else <c>dev</c>).</param>
/// <param name="Profile"><c>--profile</c> (else <c>EPYCLOUD_PROFILE</c>, else the active profile, else <c>default</c>).</param>
/// <param name="ProjectDir">The folder holding the project file <c>epycloud.yaml</c> (the current folder by default).</param>
public sealed record ConfigSelection(string? ConfigDir = null, string? Environment = null, string? Profile = null, string ProjectDir = ".");
