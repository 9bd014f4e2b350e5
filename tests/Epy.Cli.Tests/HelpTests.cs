using System.CommandLine;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary>Every command, option and argument of <c>epycloud</c> says what it is, and <c>--help</c> works everywhere.</summary>
public sealed class HelpTests
{
    private static IEnumerable<Command> All(Command command) => [command, .. command.Subcommands.SelectMany(All)];

    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var command in All(EpycloudCommand.Build()).Skip(1))
            data.Add(PathOf(command));
        return data;
    }

    private static string PathOf(Command command) =>
        string.Join(' ', command.Parents.OfType<Command>().Where(p => p is not RootCommand).Select(p => p.Name).Append(command.Name));

    [Fact]
    public void EveryCommandOptionAndArgument_HasADescription()
    {
        var missing = new List<string>();
        foreach (var command in All(EpycloudCommand.Build()))
        {
            if (string.IsNullOrWhiteSpace(command.Description))
                missing.Add($"command {command.Name}");
            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{command.Name} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{command.Name} <{a.Name}>"));
        }

        missing.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("status")]
    [InlineData("runs list")]
    [InlineData("runs show")]
    [InlineData("config show")]
    [InlineData("config validate")]
    [InlineData("profile list")]
    [InlineData("profile show")]
    [InlineData("logs")]
    [InlineData("download")]
    [InlineData("experiment list")]
    [InlineData("validate")]
    public void ReadCommands_TakeOutputTableOrJson(string path)
    {
        var command = All(EpycloudCommand.Build()).First(c => c is not RootCommand && PathOf(c) == path);

        command.Options.ShouldContain(o => o.Name == "--output");
    }

    [Theory]
    [InlineData("experiment list")]
    [InlineData("validate")]
    public void ExperimentListAndValidate_TakeFormat_AsTheSameOptionAsOutput(string path)
    {
        var root = EpycloudCommand.Build();

        var parse = root.Parse([.. path.Split(' '), "--format", "json"]);

        parse.Errors.ShouldBeEmpty();
        parse.GetValue<string>("--output").ShouldBe("json");
    }

    [Fact]
    public void NoCommand_RedeclaresAGlobalOption()
    {
        var root = EpycloudCommand.Build();
        var globals = root.Options.Where(o => o.Recursive).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();

        var shadowing = All(root).Skip(1)
            .SelectMany(c => c.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(globals.Contains).Select(name => $"{PathOf(c)} {name}"))
            .ToList();

        shadowing.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_PrintsTheDescriptionAndTheGlobalOptions(string path)
    {
        using var output = new StringWriter();
        var root = EpycloudCommand.Build();

        var exit = await root.Parse([.. path.Split(' '), "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        exit.ShouldBe(0);
        var command = All(root).First(c => c is not RootCommand && PathOf(c) == path);
        output.ToString().ShouldContain(command.Description!.Split('{')[0].Split('\n')[0].Trim());
        output.ToString().ShouldContain("--profile");
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_ShowsEachDefaultOnce(string path)
    {
        using var output = new StringWriter();

        await EpycloudCommand.Build().Parse([.. path.Split(' '), "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        var lines = output.ToString().Split('\n');
        lines.Where(l => l.Contains("(default", StringComparison.Ordinal) && l.Contains("[default:", StringComparison.Ordinal)).ShouldBeEmpty();
        lines.Where(l => l.Contains("--color", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("[default: auto]", Case.Sensitive, "a default not said in words is still shown");
    }

    [Fact]
    public async Task RunHelp_SaysProjectDirsDefaultInWords_Once()
    {
        using var output = new StringWriter();

        await EpycloudCommand.Build().Parse(["run", "--help"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        var line = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("--project-dir", StringComparison.Ordinal));
        line.ShouldContain("(default: the current folder)");
        line.ShouldNotContain("[default", Case.Sensitive);
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var example in CommandExamples.ByCommand.Values.SelectMany(e => e))
            data.Add(example);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryHelpExample_Parses(string example)
    {
        var words = example.Split('#')[0].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        words[0].ShouldBe("epycloud");

        var parse = EpycloudCommand.Build().Parse(words[1..]);

        parse.Errors.ShouldBeEmpty(example);
    }

    [Fact]
    public void Help_ShowsTheExamples()
    {
        var runsShow = EpycloudCommand.Build().Subcommands.Single(c => c.Name == "runs").Subcommands.Single(c => c.Name == "show");

        runsShow.Description!.ShouldContain("Examples:\n  epycloud runs show latest");
    }
}
