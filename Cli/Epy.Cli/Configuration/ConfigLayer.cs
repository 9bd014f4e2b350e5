namespace Epy.Cli.Configuration;

/// <summary>One source of settings, in precedence order (a later layer wins).</summary>
/// <param name="Name">base, environment, profile, project, secrets or variables.</param>
/// <param name="File">Its file (null for the variables).</param>
/// <param name="Values">Its settings (dotted keys).</param>
public sealed record ConfigLayer(string Name, string? File, IReadOnlyDictionary<string, string> Values);
