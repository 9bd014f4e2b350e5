using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// Where the reference tables and the population data are found: the setting, then the forecast
/// repository's <c>data/</c>, then the copy shipped beside the program; errors name every place looked.
/// </summary>
public sealed class ReferenceDataLookupTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();
    private readonly string _other = Directory.CreateTempSubdirectory("epy-lookup-").FullName;

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_other, recursive: true);
    }

    private static string Program(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    private static StageSettings Settings(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return StageSettings.FromEnvironment(name => env.GetValueOrDefault(name));
    }

    private static string Touch(string path, string text = "x")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AgeDistribution(string root, string location) =>
        Touch(Path.Combine(root, "data", location, "demographic", "age_distribution.csv"));

    [Fact]
    public void TheProgram_ShipsBothTables_AndThePopulationData_WithTheirLicences()
    {
        foreach (var table in new[] { "location_codebook.csv", "flusight_locations.csv" })
        {
            File.ReadAllBytes(Program(table)).ShouldBe(File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "data", "reference", table)));
            if (TestData.SharedDataRoot is { } shared)
                File.ReadAllBytes(Program(table)).ShouldBe(File.ReadAllBytes(Path.Combine(shared, "epymodelingsuite", "reference-data", table)), $"{table} is not epymodelingsuite's");
        }
        File.ReadAllText(Program("NOTICE.md")).ShouldContain("MIT");
        File.Exists(Program("epydemix-data", "LICENSE")).ShouldBeTrue();
        File.Exists(Program("epydemix-data", "data", "United_States_Massachusetts", "demographic", "age_distribution.csv")).ShouldBeTrue();
        LocationCodebook.Load(Program("location_codebook.csv")).Count.ShouldBe(52);
    }

    [Fact]
    public void TheCodebook_IsTheRepositorysWhenItHasOne_ElseTheShippedOne()
    {
        var settings = Settings();
        settings.CodebookPath(_repo.Root).ShouldBe(Program("location_codebook.csv"));

        var own = Touch(Path.Combine(_repo.Root, "data", "location_codebook.csv"));

        settings.CodebookPath(_repo.Root).ShouldBe(own);
        settings.FlusightLocationsSearch(_repo.Root).Find()!.Path.ShouldBe(Program("flusight_locations.csv"));
    }

    [Fact]
    public void TheSetting_IsTheOnlyPlaceLooked_AndAMistypedOneIsReported()
    {
        Touch(Path.Combine(_repo.Root, "data", "location_codebook.csv"));
        var mine = Touch(Path.Combine(_other, "codebook.csv"));

        Settings(("LOCATION_CODEBOOK", mine)).CodebookPath(_repo.Root).ShouldBe(mine);
        var wrong = Path.Combine(_other, "codebok.csv");
        var error = Should.Throw<StageException>(() => Settings(("LOCATION_CODEBOOK", wrong)).CodebookPath(_repo.Root));

        error.ExitCode.ShouldBe(StageExitCodes.BadInput);
        error.Message.ShouldBe($"the location codebook was not found: looked at {wrong} (LOCATION_CODEBOOK)");
    }

    [Fact]
    public void NoTableAnywhere_TheErrorNamesEveryPlaceLooked()
    {
        var settings = Settings() with { ShippedData = Path.Combine(_other, "data") };

        var error = Should.Throw<StageException>(() => settings.CodebookPath(_repo.Root));

        error.Message.ShouldBe("the location codebook was not found: looked at "
            + $"{Path.Combine(_repo.Root, "data", "location_codebook.csv")} (the forecast repository), then "
            + $"{Path.Combine(_other, "data", "location_codebook.csv")} (shipped with the program)");
        settings.FlusightLocationsSearch(_repo.Root).NotFound().ShouldContain("FluSight's locations table was not found");
    }

    [Fact]
    public void PopulationData_IsLookedForInTheSetting_TheRepository_ThenBesideTheProgram()
    {
        var explicitRoot = Path.Combine(_other, "epydemix");
        Directory.CreateDirectory(explicitRoot);
        var search = Settings(("EPYDEMIX_DATA_DIR", explicitRoot)).PopulationData(_repo.Root);

        search.Roots.Select(r => r.Origin).ShouldBe(["EPYDEMIX_DATA_DIR", "the forecast repository", "shipped with the program"]);
        search.Roots.Select(r => r.Path).ShouldBe([explicitRoot, Path.Combine(_repo.Root, "data", "epydemix-data"), Program("epydemix-data")]);
        search.Find("United_States_Massachusetts")!.Origin.ShouldBe("shipped with the program");

        AgeDistribution(Path.Combine(_repo.Root, "data", "epydemix-data"), "United_States_Massachusetts");
        search.Find("United_States_Massachusetts")!.Origin.ShouldBe("the forecast repository");

        AgeDistribution(explicitRoot, "United_States_Massachusetts");
        search.Find("United_States_Massachusetts")!.Origin.ShouldBe("EPYDEMIX_DATA_DIR");
    }

    [Fact]
    public void EpydemixDataDir_ThatIsNotAFolder_IsBadInput()
    {
        var error = Should.Throw<StageException>(() => Settings(("EPYDEMIX_DATA_DIR", Path.Combine(_other, "nowhere"))).PopulationData(_repo.Root));

        error.ExitCode.ShouldBe(StageExitCodes.BadInput);
        error.Message.ShouldStartWith("EPYDEMIX_DATA_DIR: ");
    }

    [Fact]
    public void ALocationFoundNowhere_TheErrorNamesEveryRootLooked()
    {
        _repo.Write("sir", "basemodel.yaml", SampleConfigs.Basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        var search = Settings(("EPYDEMIX_DATA_DIR", _other)).PopulationData(_repo.Root);

        var error = Should.Throw<ConfigValidationException>(() => ExperimentLoader.Load(_repo.Root, "sir", SampleConfigs.Codebook, search)).Errors.ShouldHaveSingleItem();

        // US-MA is shipped; US-NY is nowhere.
        error.Message.ShouldBe("no population data for US-NY (United_States_New_York): expected data/United_States_New_York/demographic/age_distribution.csv under one of "
            + $"{_other} (EPYDEMIX_DATA_DIR), {Path.Combine(_repo.Root, "data", "epydemix-data")} (the forecast repository), {Program("epydemix-data")} (shipped with the program)");
    }

    [Fact]
    public void TheExample_WithoutItsTables_AndWithoutEpydemixDataDir_IsValid()
    {
        // What the installed tool meets: a forecast repository with configs and observations only.
        var source = Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.epy/", StringComparison.Ordinal)))
            Touch(Path.Combine(_repo.Root, Path.GetRelativePath(source, file)), File.ReadAllText(file));
        File.Delete(Path.Combine(_repo.Root, "data", "location_codebook.csv"));
        File.Delete(Path.Combine(_repo.Root, "data", "flusight_locations.csv"));
        var env = new Dictionary<string, string?> { ["FORECAST_REPO_DIR"] = _repo.Root, ["EXP_ID"] = "flu-example" };
        using var output = new StringWriter();
        using var log = new StringWriter();

        var exit = BuilderStage.RunValidate(name => env.GetValueOrDefault(name), output, log);

        exit.ShouldBe(0, output.ToString() + log);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        report.GetProperty("locations").EnumerateArray().Select(l => l.GetString()).ShouldBe(["US-MA", "US-NH"]);
    }
}
