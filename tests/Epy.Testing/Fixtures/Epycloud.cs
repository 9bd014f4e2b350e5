using System.Diagnostics;

namespace Epy.Testing.Fixtures;

/// <summary>The <c>epycloud</c> CLI as a separate process: <c>dotnet epycloud.dll ...</c> from the test binaries.</summary>
public static class Epycloud
{
    /// <summary>True when this process ignores SIGINT (read once: it does not change while the tests run).</summary>
    private static readonly bool SigIntIgnored = ReadSigIntIgnored();

    /// <summary>What a finished invocation printed and returned.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    /// <summary>Starts <c>epycloud {arguments}</c> with <paramref name="environment"/> added; standard output and error redirected, <paramref name="input"/> on standard input.</summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        // A test run started in the background of a non-interactive shell has SIGINT ignored, and the CLI would
        // inherit that: start it with SIGINT's default disposition, as a terminal gives it (coreutils' env execs
        // dotnet in its own process, so the process id stays the CLI's).
        var info = new ProcessStartInfo(SigIntIgnored ? "/usr/bin/env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Closed at once: stdin is not a terminal, so nothing asks for confirmation.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (SigIntIgnored)
        {
            info.ArgumentList.Add("--default-signal=INT");
            // By its full path: a test may give the CLI a PATH of its own (fake tools only).
            info.ArgumentList.Add(Dotnet());
        }
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "epycloud.dll"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Hermetic: no EPYCLOUD_* setting of the machine running the tests, and an empty configuration
        // folder unless the test names one (EPYCLOUD_CONFIG_DIR "" lets XDG_CONFIG_HOME decide).
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("EPYCLOUD_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        info.Environment["EPYCLOUD_CONFIG_DIR"] = Path.Combine(Path.GetTempPath(), $"epy-orch-noconfig-{Guid.NewGuid():N}");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var process = Process.Start(info)!;
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Linux: bit 2 of <c>SigIgn</c> in <c>/proc/self/status</c>; false elsewhere.</summary>
    private static bool ReadSigIntIgnored()
    {
        const string Status = "/proc/self/status";
        var line = File.Exists(Status) ? File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var ignored)
            && (ignored & (1UL << 1)) != 0;
    }

    /// <summary>The <c>dotnet</c> host on this process's PATH.</summary>
    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";

    /// <summary>Runs <c>epycloud {arguments}</c> to its end (killing it after <paramref name="seconds"/>).</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, double seconds = 60, string? input = null)
    {
        using var process = Start(arguments, environment, input);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"epycloud {string.Join(' ', arguments)} did not finish in {seconds} s");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
