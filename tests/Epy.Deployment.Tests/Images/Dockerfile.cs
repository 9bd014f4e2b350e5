using Epy.Testing;

namespace Epy.Deployment.Tests.Images;

/// <summary>A Dockerfile of the repository, read into instructions (enough of the syntax for ours).</summary>
public sealed class Dockerfile
{
    private Dockerfile(string name, IReadOnlyList<DockerInstruction> instructions)
    {
        Name = name;
        Instructions = instructions;
    }

    /// <summary>The file name, e.g. <c>Dockerfile.stages</c>.</summary>
    public string Name { get; }

    /// <summary>Every instruction in order.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The stages' names in order.</summary>
    public IReadOnlyList<string> Stages => [.. Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Stage!)];

    /// <summary>The last stage: the image.</summary>
    public string FinalStage => Stages[^1];

    /// <summary>The instructions of stage <paramref name="stage"/> (FROM included).</summary>
    public IReadOnlyList<DockerInstruction> Of(string stage) => [.. Instructions.Where(i => i.Stage == stage)];

    /// <summary>Reads <c>{repository}/{name}</c>.</summary>
    public static Dockerfile Read(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, name));
        var instructions = new List<DockerInstruction>();
        string? stage = null;
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
                continue;
            if (line.StartsWith('#'))
                continue; // a comment inside a continued instruction
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = text[..space].ToUpperInvariant();
            var arguments = text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stage = parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : $"stage{instructions.Count(i => i.Keyword == "FROM")}";
            }
            instructions.Add(new DockerInstruction(keyword, arguments, stage));
        }
        return new Dockerfile(name, instructions);
    }
}
