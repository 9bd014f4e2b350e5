using System.Diagnostics;

namespace Epy.Cli.Tools;

/// <summary>
/// Runs <see cref="ToolInvocation"/>s with the terminal's input and output: says plainly (exit 2 and a hint)
/// when the program is not on PATH, prints the exact command with <c>--dry-run</c> (and runs nothing) or
/// <c>--verbose</c>, and returns 1 when the tool fails, 130 when interrupted.
/// </summary>
public sealed class ToolRunner(TextWriter output, TextWriter error, bool dryRun, bool verbose)
{
    /// <summary>Where to get each tool.</summary>
    public static IReadOnlyDictionary<string, string> InstallHints { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gcloud"] = "install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install",
        ["terraform"] = "install Terraform: https://developer.hashicorp.com/terraform/install",
        ["podman"] = "install Podman (https://podman.io/docs/installation) or Docker, or pass --engine docker",
        ["docker"] = "install Docker (https://docs.docker.com/engine/install/) or Podman, or pass --engine podman",
    };

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                return candidate;
        }
        return null;
    }

    /// <summary>Runs <paramref name="invocations"/> one after the other, stopping at the first failure; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<ToolInvocation> invocations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocations);
        foreach (var invocation in invocations)
        {
            if (dryRun)
            {
                await output.WriteLineAsync(invocation.CommandLine()).ConfigureAwait(false);
                continue;
            }
            var path = Find(invocation.Program)
                ?? throw CliException.Configuration($"{invocation.Program} is not on PATH", InstallHints.GetValueOrDefault(invocation.Program));
            if (verbose)
                await error.WriteLineAsync("+ " + invocation.CommandLine()).ConfigureAwait(false);
            var exit = await StartAndWaitAsync(path, invocation, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                return ExitCodes.Interrupted;
            if (exit != 0)
                throw CliException.Failed($"{invocation.Program} {(invocation.Arguments.Count > 0 ? invocation.Arguments[0] : "")} exited with {exit}", $"the command was: {invocation.CommandLine()}");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> StartAndWaitAsync(string path, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(path) { UseShellExecute = false, WorkingDirectory = invocation.WorkingDirectory };
        foreach (var argument in invocation.Arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in invocation.Environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw CliException.Failed($"could not start {path}");
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C reaches the tool too (same process group); give it time to stop cleanly.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return process.HasExited ? process.ExitCode : -1;
    }
}
