namespace Epy.Stages.Configs;

/// <summary>One configuration file an experiment uses.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Sha256">The SHA-256 digest of its bytes, lowercase hex.</param>
public sealed record ExperimentConfigFile(string Path, ConfigKind Kind, string Sha256);
