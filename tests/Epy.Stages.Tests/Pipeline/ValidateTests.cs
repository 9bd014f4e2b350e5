using System.Text.Json;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.Pipeline;

/// <summary><c>epy-stage validate</c>: the builder's checks on a copy of the bundled example, writing nothing.</summary>
public sealed class ValidateTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "epy-validate-" + Guid.NewGuid().ToString("N"));

    public ValidateTests()
    {
        var source = Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.epy/", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(_repo, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static (int Exit, JsonElement Report, string Log) Validate(string? repo)
    {
        var env = new Dictionary<string, string?> { ["FORECAST_REPO_DIR"] = repo, ["EXP_ID"] = "flu-example", ["EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot };
        using var output = new StringWriter();
        using var log = new StringWriter();
        var exit = BuilderStage.RunValidate(name => env.GetValueOrDefault(name), output, log);
        var text = output.ToString();
        return (exit, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, log.ToString());
    }

    [Fact]
    public void TheExample_IsValid_WithItsTasksAndLocations_AndNothingIsWritten()
    {
        var before = Directory.EnumerateFileSystemEntries(_repo, "*", SearchOption.AllDirectories).Count();

        var (exit, report, _) = Validate(_repo);

        exit.ShouldBe(0);
        report.GetProperty("valid").GetBoolean().ShouldBeTrue();
        report.GetProperty("kind").GetString().ShouldBe("calibration");
        report.GetProperty("task_count").GetInt32().ShouldBe(2);
        report.GetProperty("locations").EnumerateArray().Select(l => l.GetString()).ShouldBe(["US-MA", "US-NH"]);
        Directory.EnumerateFileSystemEntries(_repo, "*", SearchOption.AllDirectories).Count().ShouldBe(before);
    }

    [Fact]
    public void AMissingDataFile_IsInvalid_ExitThree_NamingTheFile()
    {
        File.Delete(Path.Combine(_repo, "data", "flu_hosp_24.csv"));

        var (exit, report, _) = Validate(_repo);

        exit.ShouldBe(3);
        report.GetProperty("valid").GetBoolean().ShouldBeFalse();
        report.GetProperty("errors").EnumerateArray().ShouldContain(e => e.GetProperty("message").GetString()!.Contains("flu_hosp_24.csv", StringComparison.Ordinal)
            || e.GetProperty("file").GetString()!.Contains("flu_hosp_24.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAForecastRepository_ExitsTwo_NamingTheVariable()
    {
        var (exit, _, log) = Validate(null);

        exit.ShouldBe(2);
        log.ShouldContain("FORECAST_REPO_DIR");
    }
}
