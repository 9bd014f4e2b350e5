using System.Diagnostics;

namespace Epy.Cli.Tools;

/// <summary>What every wrapper of an external tool shares: its runner (global <c>--dry-run</c>, <c>--verbose</c>) and its checks.</summary>
public static class ToolOptions
{
    /// <summary>A runner on <paramref name="context"/>'s writers: <c>--dry-run</c> prints the exact command and runs nothing, <c>--verbose</c> prints it first.</summary>
    public static ToolRunner Runner(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ToolRunner(context.Out, context.Error, context.DryRun, context.Verbose);
    }

    /// <summary>Fails (exit 2) when <paramref name="relative"/> is not in the repository root.</summary>
    public static void RequireInRepo(string repoRoot, string relative, bool directory = false)
    {
        var path = Path.Combine(repoRoot, relative);
        if (directory ? !Directory.Exists(path) : !File.Exists(path))
            throw CliException.Configuration($"{path} does not exist", "run from the Epy Orchestration repository, or pass --repo-root");
    }

    /// <summary>The commit checked out in <paramref name="repoRoot"/> (<c>git rev-parse HEAD</c>), or null when git or the checkout is missing.</summary>
    public static string? GitCommit(string repoRoot)
    {
        if (ToolRunner.Find("git") is not { } git)
            return null;
        var info = new ProcessStartInfo(git) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-C", repoRoot, "rev-parse", "HEAD" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info);
        if (process is null)
            return null;
        var commit = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && commit.Length > 0 ? commit : null;
    }
}
