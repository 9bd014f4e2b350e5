using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Configs;

/// <summary>A forecast repository in a temporary folder, deleted on dispose.</summary>
public sealed class TempForecastRepo : IDisposable
{
    public TempForecastRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "epy-configs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <c>experiments/{expId}/config/{fileName}</c> and returns its full path.</summary>
    public string Write(string expId, string fileName, string text)
    {
        var folder = Path.Combine(Root, "experiments", expId, "config");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public string Copy(string expId, string sourcePath, string? fileName = null) =>
        Write(expId, fileName ?? Path.GetFileName(sourcePath), File.ReadAllText(sourcePath));

    public Experiment Load(string expId, string? populationDataRoot = null) =>
        ExperimentLoader.Load(Root, expId, SampleConfigs.Codebook, populationDataRoot);

    public ConfigValidationException LoadFails(string expId, string? populationDataRoot = null) =>
        Should.Throw<ConfigValidationException>(() => Load(expId, populationDataRoot));

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
