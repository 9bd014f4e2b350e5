using Epy.Engine.Demography;

namespace Epy.Engine.Tests.Demography;

public sealed class EpydemixDataLoadTests : IDisposable
{
    private const string Massachusetts = "United_States_Massachusetts";
    private static readonly string[] ReferenceGroups = ["0-4", "5-17", "18-49", "50-64", "65+"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_Massachusetts_SizesMatchTheReferenceModel()
    {
        var population = EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ReferenceGroups);

        population.Name.ShouldBe(Massachusetts);
        population.AgeGroups.ShouldBe(ReferenceGroups);
        population.Sizes.ShouldBe([343943L, 997858L, 2980661L, 1385263L, 1293674L]);
        population.Total.ShouldBe(7001399L);
        population.Layers.Keys.ShouldBe(Population.StandardLayers);
    }

    [Fact]
    public void Load_Massachusetts_OverallContactsMatchTheReferenceModel()
    {
        // reference-model.md, section 1.2: school + work + home + community after aggregation.
        double[,] expected =
        {
            { 1.4919056785203, 2.572895079152756, 4.1744549532429875, 0.8479022720030486, 0.4411698800658066 },
            { 0.9204865492563319, 10.637465633165709, 4.623485845585576, 1.486556393285861, 0.5127792692236661 },
            { 0.5748914879737763, 1.7254833214646288, 8.130894218288255, 2.6804658995434942, 0.7093605492578647 },
            { 0.241154016426743, 1.142248761917107, 5.590225564085371, 3.6110784254898207, 0.9578627193302687 },
            { 0.18853078672390003, 0.6190413164472283, 2.307056261180347, 1.3908111942935086, 2.131468780828636 },
        };

        var overall = EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ReferenceGroups).OverallContacts();

        overall.Size.ShouldBe(5);
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
                RelativeError(overall[i, j], expected[i, j]).ShouldBeLessThan(1e-12, $"entry ({i}, {j})");
        }
    }

    [Fact]
    public void Load_Massachusetts_SpectralRadiusMatchesTheReferenceModel()
    {
        var overall = EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ReferenceGroups).OverallContacts();

        RelativeError(overall.SpectralRadius(), 14.200176193333611).ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void Load_UnknownLocation_NamesTheMissingFolder()
    {
        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(TestData.EpydemixDataRoot, "Atlantis", ReferenceGroups));

        error.Field.ShouldBe("population.name");
        error.Reason.ShouldContain(Path.Combine(TestData.EpydemixDataRoot, "data", "Atlantis"));
        error.Reason.ShouldContain("Atlantis");
    }

    [Fact]
    public void Load_UnknownContactSource_NamesTheMissingFolder()
    {
        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ReferenceGroups, "prem_2021"));

        error.Field.ShouldBe("population.name");
        error.Reason.ShouldContain(Path.Combine("contact_matrices", "prem_2021"));
    }

    [Fact]
    public void Load_MissingLayerFile_NamesTheFile()
    {
        var root = _temp.CopyOf(TestData.EpydemixDataRoot, "copy");
        var work = LayerPath(root, "work");
        File.Delete(work);

        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(root, Massachusetts, ReferenceGroups));

        error.Field.ShouldBe("population.name");
        error.Reason.ShouldBe($"file {work} is missing");
    }

    [Fact]
    public void Load_MalformedMatrixValue_NamesFileLineAndColumn()
    {
        var root = _temp.CopyOf(TestData.EpydemixDataRoot, "copy");
        var home = LayerPath(root, "home");
        var lines = File.ReadAllLines(home);
        var cells = lines[2].Split(',');
        cells[4] = "0.1x";
        lines[2] = string.Join(',', cells);
        File.WriteAllLines(home, lines);

        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(root, Massachusetts, ReferenceGroups));

        error.Field.ShouldBe("population.name");
        error.Reason.ShouldBe($"{home}, line 3, column 5: '0.1x' is not a non-negative number");
    }

    [Fact]
    public void Load_ShortMatrixRow_NamesFileAndLine()
    {
        var root = _temp.CopyOf(TestData.EpydemixDataRoot, "copy");
        var school = LayerPath(root, "school");
        var lines = File.ReadAllLines(school);
        lines[84] = lines[84][..lines[84].LastIndexOf(',')];
        File.WriteAllLines(school, lines);

        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(root, Massachusetts, ReferenceGroups));

        error.Reason.ShouldBe($"{school}, line 85: has 84 columns, expected 85");
    }

    [Fact]
    public void Load_MalformedAgeDistribution_NamesFileLineAndColumn()
    {
        var root = _temp.CopyOf(TestData.EpydemixDataRoot, "copy");
        var ages = Path.Combine(root, "data", Massachusetts, "demographic", "age_distribution.csv");
        var lines = File.ReadAllLines(ages);
        lines[11] = "10,many";
        File.WriteAllLines(ages, lines);

        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(root, Massachusetts, ReferenceGroups));

        error.Field.ShouldBe("population.name");
        error.Reason.ShouldBe($"{ages}, line 12, column 2: 'many' is not a whole number of people");
    }

    [Theory]
    [InlineData("../United_States_Massachusetts")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Load_LocationThatIsNotAPlainName_IsRejected(string location)
    {
        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(TestData.EpydemixDataRoot, location, ReferenceGroups));

        error.Field.ShouldBe("population.name");
    }

    [Fact]
    public void Load_BadAgeGroups_ReportTheAgeGroupField()
    {
        var error = Should.Throw<ModelValidationException>(() => EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ["0-4", "6+"]));

        error.Field.ShouldBe("population.age_groups[1]");
    }

    private static string LayerPath(string root, string layer) =>
        Path.Combine(root, "data", Massachusetts, "contact_matrices", "mistry_2021", $"contacts_matrix_{layer}.csv");

    private static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}
