namespace Epy.Stages.Configs;

/// <summary>What reading one configuration file gave: the document when it could be read, and every error.</summary>
/// <param name="Document">The document; null when the file is not YAML or its top-level key is unknown.</param>
/// <param name="Errors">Every problem found; a document with errors must not be used.</param>
public sealed record ConfigLoadResult(ConfigDocument? Document, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>True when the file was read without error.</summary>
    public bool IsValid => Document is not null && Errors.Count == 0;
}
