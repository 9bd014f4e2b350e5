using Epy.Stages.ForecastRepo;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>
/// A bare git repository (<c>{Root}/forecast.git</c>) made from a forecast repository's tree: a first commit
/// with the annotated tag <c>v1</c>, then a second on <c>main</c> (the default branch) that adds
/// <see cref="SecondCommitMarker"/> to the experiment's output.yaml.
/// </summary>
public sealed class BareForecastRepo : IDisposable
{
    public const string Name = "forecast.git";
    public const string SecondCommitMarker = "# changed in the second commit";

    // The test's own git runs ignore the user's configuration (signing, hooks, identity).
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = "Test",
        ["GIT_AUTHOR_EMAIL"] = "test@example.org",
        ["GIT_COMMITTER_NAME"] = "Test",
        ["GIT_COMMITTER_EMAIL"] = "test@example.org",
        ["GIT_DIR"] = null,
        ["GIT_WORK_TREE"] = null,
    };

    public BareForecastRepo(string tree, string expId)
    {
        Root = Directory.CreateTempSubdirectory("epy-bare-").FullName;
        var work = Path.Combine(Root, "work");
        foreach (var file in Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(work, Path.GetRelativePath(tree, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Git(Root, "init", "--quiet", "--bare", "--initial-branch=main", Name);
        Git(work, "init", "--quiet", "--initial-branch=main");
        Git(work, "add", "--all");
        Git(work, "commit", "--quiet", "--no-gpg-sign", "-m", "first");
        Git(work, "tag", "-a", "v1", "-m", "v1");
        TaggedCommit = Git(work, "rev-parse", "HEAD");
        File.AppendAllText(Path.Combine(work, "experiments", expId, "config", "output.yaml"), $"\n{SecondCommitMarker}\n");
        Git(work, "commit", "--quiet", "--no-gpg-sign", "--all", "-m", "second");
        HeadCommit = Git(work, "rev-parse", "HEAD");
        Git(work, "push", "--quiet", Path.Combine(Root, Name), "main", "v1");
        Directory.Delete(work, recursive: true);
    }

    /// <summary>The folder holding <see cref="Name"/>.</summary>
    public string Root { get; }

    /// <summary><c>file:///.../forecast.git</c>.</summary>
    public string FileUrl => new Uri(Path.Combine(Root, Name)).AbsoluteUri;

    /// <summary>The commit tagged <c>v1</c>.</summary>
    public string TaggedCommit { get; }

    /// <summary>The commit <c>main</c> points to.</summary>
    public string HeadCommit { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Git(string folder, params string[] arguments)
    {
        var result = GitProcess.RunAsync("git", new GitInvocation("git", ["-C", folder, .. arguments], Environment), CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
