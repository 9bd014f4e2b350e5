namespace Epy.Testing;

/// <summary>Finds the data shipped with the repository (and the shared development data beside it).</summary>
public static class TestData
{
    private const string SolutionFile = "Epy.Orchestration.sln";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder holding Epy.Orchestration.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shipped epydemix-data subset: <c>{RepositoryRoot}/data/epydemix-data</c>.</summary>
    public static string EpydemixDataRoot => Path.Combine(RepositoryRoot, "data", "epydemix-data");

    /// <summary>The shared development data, <c>../shared/data</c> beside the repository root, or null when absent.</summary>
    public static string? SharedDataRoot
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
