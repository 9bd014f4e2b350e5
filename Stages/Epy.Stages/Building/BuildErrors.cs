using Epy.Engine;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>Collects <see cref="ConfigError"/>s while a config is turned into engine objects, and throws them together.</summary>
internal sealed class BuildErrors
{
    private readonly List<ConfigError> _errors = [];

    /// <summary>Whether any error was recorded.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Records an error at <paramref name="span"/>.</summary>
    public void Add(SourceSpan span, string field, string message) => _errors.Add(ConfigError.At(span, field, message));

    /// <summary>Throws every error recorded, if any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new ConfigValidationException([.. _errors]);
    }

    /// <summary>One error as an exception.</summary>
    public static ConfigValidationException One(SourceSpan span, string field, string message) =>
        new([ConfigError.At(span, field, message)]);

    /// <summary>An engine error re-pointed at the config value it came from.</summary>
    public static ConfigValidationException From(ModelValidationException error, SourceSpan span, string field) =>
        One(span, field, error.Message);
}
