using System.CommandLine;

namespace Epy.Cli.Tools;

/// <summary>The options every wrapper of an external tool has.</summary>
public static class ToolOptions
{
    /// <summary><c>--dry-run</c>: print the exact command, run nothing.</summary>
    public static Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the exact command (with its environment) and run nothing" };

    /// <summary><c>--verbose</c>: print the exact command before running it.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "Print the exact command on stderr before running it" };

    /// <summary>A runner on the console for <paramref name="parse"/>'s options.</summary>
    public static ToolRunner Runner(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ToolRunner(Console.Out, Console.Error, parse.GetValue(DryRun), parse.GetValue(Verbose));
    }

    /// <summary>Fails (exit 2) when <paramref name="relative"/> is not in the repository root.</summary>
    public static void RequireInRepo(string repoRoot, string relative, bool directory = false)
    {
        var path = Path.Combine(repoRoot, relative);
        if (directory ? !Directory.Exists(path) : !File.Exists(path))
            throw CliException.Configuration($"{path} does not exist", "run from the Epy Orchestration repository, or pass --repo-root");
    }
}
