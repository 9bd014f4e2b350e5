namespace Epy.Stages.Pipeline;

/// <summary>
/// One experiment config inside a task input: the model's structure, its parameters and priors, the
/// calibration strategy or samplers, and the projection settings, as written; the runner parses it again.
/// </summary>
/// <param name="Name">The file name (<c>basemodel.yml</c>); its copy is <c>config/{Name}</c> in the run folder.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes (the UTF-8 of <paramref name="Text"/>), lowercase hex, as in the manifest.</param>
/// <param name="Text">The YAML.</param>
public sealed record TaskConfig(string Name, string Sha256, string Text);
