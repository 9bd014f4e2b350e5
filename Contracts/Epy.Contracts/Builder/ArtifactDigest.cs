namespace Epy.Contracts.Builder;

/// <summary>A file the builder copied into the run folder, with the digest the readers check.</summary>
/// <param name="Name">The file's name where it came from: a config file name, or a path relative to the forecast repository (<c>data/flu_hosp_24.csv</c>).</param>
/// <param name="Path">Where the copy is, relative to the run folder (<c>config/basemodel.yml</c>, <c>builder-artifacts/repo/data/flu_hosp_24.csv</c>).</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hex.</param>
public sealed record ArtifactDigest(string Name, string Path, string Sha256);
