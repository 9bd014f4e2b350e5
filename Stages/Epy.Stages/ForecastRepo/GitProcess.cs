using System.Diagnostics;

namespace Epy.Stages.ForecastRepo;

/// <summary>Runs one <see cref="GitInvocation"/> as a child process, with no stdin, and collects its output.</summary>
public static class GitProcess
{
    /// <summary>Runs <paramref name="invocation"/> with <paramref name="executable"/>; on cancellation kills it (and its children) and throws.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started (not installed).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process is gone.</exception>
    public static async Task<GitResult> RunAsync(string executable, GitInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in invocation.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in invocation.Environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return new GitResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
