using System.Text.RegularExpressions;
using System.Xml.Linq;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Testing;

namespace Epy.Deployment.Tests.Images;

/// <summary>The Dockerfiles' shape: multi-stage, base images as arguments, a cached restore layer, non-root, git in the stage image.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "Dockerfile.orchestrator", "Orchestrator/Epy.Orchestrator/Epy.Orchestrator.csproj" },
        { "Dockerfile.stages", "Stages/Epy.Stages/Epy.Stages.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void IsMultiStage_WithBaseImagesAsBuildArguments(string name, string project)
    {
        var file = Dockerfile.Read(name);
        var arguments = file.Instructions.Where(i => i.Stage is null && i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=')).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");

        file.Stages.Count.ShouldBeGreaterThanOrEqualTo(2, project);
        foreach (var from in file.Instructions.Where(i => i.Keyword == "FROM"))
        {
            var image = BuildArgument().Match(from.Arguments);
            image.Success.ShouldBeTrue($"{name}: FROM {from.Arguments} should name its base image as ${{ARG}}");
            arguments.ShouldContainKey(image.Groups[1].Value);
            arguments[image.Groups[1].Value].ShouldStartWith("mcr.microsoft.com/dotnet/", customMessage: "a default base image");
        }
        file.Of(file.FinalStage)[0].Arguments.ShouldNotContain("sdk", customMessage: "the image must not ship the SDK");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void RunsAsANonRootUser(string name, string project)
    {
        var file = Dockerfile.Read(name);
        var user = file.Of(file.FinalStage).LastOrDefault(i => i.Keyword == "USER")?.Arguments;

        user.ShouldNotBeNull($"{name} ({project}): the image must name a USER");
        user.ShouldNotBeOneOf("root", "0", "0:0");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void RestoresFromTheProjectFilesAlone_BeforeCopyingTheSources(string name, string project)
    {
        var build = Dockerfile.Read(name).Of("build");
        var restore = build.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = build.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        var before = build.TakeWhile(i => i != restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToList();
        var after = build.SkipWhile(i => i != restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();
        var properties = Properties(restore.Arguments);

        restore.Arguments.ShouldContain(project);
        publish.Arguments.ShouldContain(project);
        publish.Arguments.ShouldContain("--no-restore");
        publish.Arguments.ShouldContain("-c Release");
        Properties(publish.Arguments).ShouldBe(properties, "publish must see the project graph restore saw");
        foreach (var needed in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" }.Concat(ProjectClosure(project, properties)))
            before.ShouldContain(needed, $"{name}: the restore layer needs {needed}");
        before.ShouldNotContain(".", "the sources come after the restore");
        after.ShouldContain(". .");
    }

    [Fact]
    public void StageImage_HasGit_AndRunsTheProgramBatchCalls()
    {
        var file = Dockerfile.Read("Dockerfile.stages");
        var final = file.Of(file.FinalStage);
        var installs = final.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal)).ToList();

        installs.ShouldContain(i => Regex.IsMatch(i.Arguments, @"\sgit(\s|$)"));
        final.Single(i => i.Keyword == "ENTRYPOINT").Arguments.ShouldBe($"[\"{new BatchOptions().StageEntrypoint}\"]");
        final.ShouldContain(i => i.Keyword == "RUN" && i.Arguments.Contains($"/usr/local/bin/{new BatchOptions().StageEntrypoint}", StringComparison.Ordinal));
    }

    /// <summary>The projects <paramref name="project"/> references, itself included, as repository paths.</summary>
    private static List<string> ProjectClosure(string project, IReadOnlyDictionary<string, string> properties)
    {
        var found = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (found.Contains(next))
                continue;
            found.Add(next);
            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(TestData.RepositoryRoot, next)).Descendants("ProjectReference"))
            {
                if (!Holds(reference.Attribute("Condition")?.Value, properties))
                    continue;
                var path = Path.GetRelativePath(TestData.RepositoryRoot, Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, folder, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                pending.Push(path.Replace('\\', '/'));
            }
        }
        return found;
    }

    // The conditions our projects use: '$(Name)' != 'value' (true when the property is unset).
    private static bool Holds(string? condition, IReadOnlyDictionary<string, string> properties)
    {
        if (condition is null)
            return true;
        var match = NotEqual().Match(condition);
        match.Success.ShouldBeTrue($"a ProjectReference condition this test cannot read: {condition}");
        return !properties.TryGetValue(match.Groups[1].Value, out var value) || !value.Equals(match.Groups[2].Value, StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Properties(string command) =>
        Property().Matches(command).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\$\{([A-Z_]+)\} AS [a-z]+$")]
    private static partial Regex BuildArgument();

    [GeneratedRegex(@"^\s*'\$\(([A-Za-z_]+)\)'\s*!=\s*'([^']*)'\s*$")]
    private static partial Regex NotEqual();

    [GeneratedRegex(@"-p:([A-Za-z_]+)=(\S+)")]
    private static partial Regex Property();
}
