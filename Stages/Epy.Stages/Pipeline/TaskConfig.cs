namespace Epy.Stages.Pipeline;

/// <summary>
/// One experiment config inside a task input: the model's structure, its parameters and priors, the
/// calibration strategy or samplers, and the projection settings, as written; the runner parses it again.
/// </summary>
/// <param name="Name">The file name (<c>basemodel.yml</c>); its copy is <c>config/{Name}</c> in the run folder.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes (the UTF-8 of <paramref name="Text"/>), lowercase hex, as in the manifest.</param>
/// <param name="Text">The YAML.</param>
public sealed record TaskConfig(string Name, string Sha256, string Text)
{
    /// <summary>The files of <paramref name="configs"/> (name, UTF-8 bytes), each checked against its digest.</summary>
    /// <param name="configs">A task input's configs.</param>
    /// <param name="path">The input's path, for the error.</param>
    /// <exception cref="StageException">A config does not match its SHA-256 (bad input).</exception>
    public static List<(string Name, byte[] Bytes)> CheckedFiles(IEnumerable<TaskConfig> configs, string path)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var files = new List<(string, byte[])>();
        foreach (var config in configs)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(config.Text);
            if (RunFolder.Sha256(bytes) != config.Sha256)
                throw StageException.BadInput($"{path}: config '{config.Name}' does not match its SHA-256 {config.Sha256}");
            files.Add((config.Name, bytes));
        }
        return files;
    }
}
