using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>
/// Issue 19: epycloud's YAML files (configuration layers, the project file <c>epycloud.yaml</c> that
/// <c>serve --local</c> reads) nested 20,000 deep are a one-line error naming the file, never a stack overflow.
/// </summary>
public sealed class BoundedYamlFilesTests : IDisposable
{
    private static readonly string Deep = "defaults: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ConfigShow_ConfigNested20000Deep_ExitsWithAConfigurationError_NamingTheFile()
    {
        var dir = _folder.Combine("cfg");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.yaml"), Deep);

        var show = await Epycloud.RunAsync(["config", "show", "--config", dir]);

        show.ExitCode.ShouldBe(ExitCodes.ConfigurationError, show.ToString());
        show.Error.ShouldContain($"{Path.Combine(dir, "config.yaml")}:1:");
        show.Error.ShouldContain("nested deeper than 64 levels");
    }

    [Fact]
    public void ConfigYamlLoad_Nested20000Deep_IsAConfigurationError()
    {
        var file = _folder.Combine("deep.yaml");
        File.WriteAllText(file, Deep);

        var error = Should.Throw<ConfigurationException>(() => ConfigYaml.Load(file));

        error.Message.ShouldContain("nested deeper than");
    }

    [Fact]
    public void ProjectFileSchedules_Nested20000Deep_IsAFormatError_NamingTheFile()
    {
        File.WriteAllText(_folder.Combine("epycloud.yaml"), "schedules: " + new string('[', 20_000) + new string(']', 20_000) + "\n");

        var error = Should.Throw<FormatException>(() => ProjectFile.LoadSchedules(_folder.Path));

        error.Message.ShouldStartWith(_folder.Combine("epycloud.yaml") + ":1:");
        error.Message.ShouldContain("nested deeper than");
    }

    [Fact]
    public void ProjectFileSettings_Nested20000Deep_IsAConfigurationError()
    {
        File.WriteAllText(_folder.Combine("epycloud.yaml"), Deep);

        Should.Throw<ConfigurationException>(() => ProjectFile.LoadSettings(_folder.Path)).Message.ShouldContain("nested deeper than");
    }
}
