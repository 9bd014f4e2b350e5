using Epy.Engine.Demography;
using Epy.Engine.Reference;
using Epy.Engine.Simulation;

namespace Epy.Bench;

/// <summary>Finds the shipped epydemix-data folder and builds the reference models on it.</summary>
internal static class BenchData
{
    public const string Massachusetts = "United_States_Massachusetts";

    public static string EpydemixDataRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "epydemix-data");
                if (Directory.Exists(Path.Combine(candidate, "data", Massachusetts)))
                    return candidate;
            }
        }
        throw new DirectoryNotFoundException($"data/epydemix-data/data/{Massachusetts} not found above {Directory.GetCurrentDirectory()}; run from the repository");
    }

    /// <summary>The repository's root: the folder above the shipped data/epydemix-data.</summary>
    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(EpydemixDataRoot(), "..", ".."));

    public static CompiledModel Model(string name) => name switch
    {
        "flu" => ReferenceModels.Flu(EpydemixData.Load(EpydemixDataRoot(), Massachusetts, ReferenceModels.FluAgeGroups)),
        "sir" => ReferenceModels.Sir(),
        _ => throw new ArgumentException($"unknown model '{name}': use flu or sir"),
    };
}
