using System.Net;
using Epy.Engine.Demography;

namespace Epy.Engine.Tests.Demography;

public sealed class EpydemixDataSourceTests : IDisposable
{
    private const string Version = "test-ref.1";
    private const string Massachusetts = "United_States_Massachusetts";
    private static readonly string[] ReferenceGroups = ["0-4", "5-17", "18-49", "50-64", "65+"];

    private readonly LocalFileServer _server = new(Version, TestData.EpydemixDataRoot);
    private readonly TempFolder _cache = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _cache.Dispose();
    }

    private EpydemixDataSource Source() => new(_http, _cache.Path, _server.BaseUri, Version);

    [Fact]
    public async Task EnsureLocation_Download_LoadsLikeTheShippedFolder()
    {
        var root = await Source().EnsureLocationAsync(Massachusetts);

        root.ShouldBe(Path.Combine(_cache.Path, Version));
        _server.Requests.Count.ShouldBe(5);
        var downloaded = EpydemixData.Load(root, Massachusetts, ReferenceGroups);
        var shipped = EpydemixData.Load(TestData.EpydemixDataRoot, Massachusetts, ReferenceGroups);
        downloaded.Sizes.ShouldBe(shipped.Sizes);
        downloaded.Layers.Keys.ShouldBe(shipped.Layers.Keys);
        foreach (var layer in shipped.Layers.Keys)
            downloaded.Layers[layer].Values.ToArray().ShouldBe(shipped.Layers[layer].Values.ToArray());
    }

    [Fact]
    public async Task EnsureLocation_SecondCall_MakesNoRequests()
    {
        await Source().EnsureLocationAsync(Massachusetts);
        var afterFirst = _server.Requests.Count;

        await Source().EnsureLocationAsync(Massachusetts);

        afterFirst.ShouldBe(5);
        _server.Requests.Count.ShouldBe(afterFirst);
    }

    [Fact]
    public async Task EnsureLocation_LeavesOnlyTheDataFilesInTheCache()
    {
        var root = await Source().EnsureLocationAsync(Massachusetts);

        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ShouldBe([
                $"data/{Massachusetts}/contact_matrices/mistry_2021/contacts_matrix_community.csv",
                $"data/{Massachusetts}/contact_matrices/mistry_2021/contacts_matrix_home.csv",
                $"data/{Massachusetts}/contact_matrices/mistry_2021/contacts_matrix_school.csv",
                $"data/{Massachusetts}/contact_matrices/mistry_2021/contacts_matrix_work.csv",
                $"data/{Massachusetts}/demographic/age_distribution.csv",
            ]);
    }

    [Fact]
    public async Task EnsureLocation_NotFound_NamesTheUrlAndStatus()
    {
        var error = await Should.ThrowAsync<HttpRequestException>(() => Source().EnsureLocationAsync("Atlantis"));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Message.ShouldContain($"{_server.BaseUri}{Version}/data/Atlantis/demographic/age_distribution.csv");
        error.Message.ShouldContain("404");
        Directory.EnumerateFiles(_cache.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task EnsureLocation_InvalidBody_IsNotCached()
    {
        var home = $"/{Version}/data/{Massachusetts}/contact_matrices/mistry_2021/contacts_matrix_home.csv";
        _server.Replace(home, "<html>rate limited</html>");

        var error = await Should.ThrowAsync<ModelValidationException>(() => Source().EnsureLocationAsync(Massachusetts));

        var url = $"{_server.BaseUri.AbsoluteUri.TrimEnd('/')}{home}";
        error.Reason.ShouldBe($"{url} did not return valid epydemix data: {url}: has 1 rows, expected 85 (85×85 matrix without header)");
        Directory.EnumerateFiles(_cache.Path, "contacts_matrix_home*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../United_States_Massachusetts")]
    [InlineData("..")]
    [InlineData("United_States/../../etc")]
    [InlineData("a\\b")]
    [InlineData("%2e%2e")]
    [InlineData("")]
    public async Task EnsureLocation_LocationThatIsNotAPlainName_IsRejectedWithoutARequest(string location)
    {
        var error = await Should.ThrowAsync<ModelValidationException>(() => Source().EnsureLocationAsync(location));

        error.Field.ShouldBe("population.name");
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../main")]
    [InlineData("refs/heads/main")]
    [InlineData("..")]
    public void Constructor_VersionThatIsNotAPlainRef_IsRejected(string version)
    {
        Should.Throw<ArgumentException>(() => new EpydemixDataSource(_http, _cache.Path, _server.BaseUri, version));
    }

    [Fact]
    public void Defaults_PointAtTheUpstreamRepository()
    {
        EpydemixDataSource.DefaultBaseUri.AbsoluteUri.ShouldBe("https://raw.githubusercontent.com/epistorm/epydemix-data/");
        EpydemixDataSource.DefaultVersion.ShouldBe("main");
    }
}
