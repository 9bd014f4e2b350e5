using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Epy.Testing.Emulators;

/// <summary>
/// One of Google's emulators (installed with google-cloud-cli under /usr/lib/google-cloud-sdk/platform/),
/// started from its jar on a free 127.0.0.1 port and stopped on dispose. A machine without the emulator
/// or Java fails the tests that need it with a message that says so (CI must not skip them silently).
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>Where google-cloud-cli keeps its emulators.</summary>
    public const string Platform = "/usr/lib/google-cloud-sdk/platform";

    private readonly Process _process;

    private EmulatorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its base address, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts the Firestore emulator.</summary>
    public static Task<EmulatorProcess> StartFirestoreAsync() =>
        StartAsync(Path.Combine(Platform, "cloud-firestore-emulator", "cloud-firestore-emulator.jar"),
            port => ["-Duser.language=en", "-cp", "{jar}", "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start", "--host=127.0.0.1", $"--port={port}"]);

    /// <summary>Starts the Pub/Sub emulator.</summary>
    public static Task<EmulatorProcess> StartPubSubAsync()
    {
        var lib = Path.Combine(Platform, "pubsub-emulator", "lib");
        var jar = Directory.Exists(lib) ? Directory.EnumerateFiles(lib, "cloud-pubsub-emulator-*.jar").FirstOrDefault() : null;
        return StartAsync(jar ?? Path.Combine(lib, "cloud-pubsub-emulator-*.jar"), port => ["-jar", "{jar}", "--host=127.0.0.1", $"--port={port}"]);
    }

    private static async Task<EmulatorProcess> StartAsync(string jar, Func<int, string[]> arguments)
    {
        if (!File.Exists(jar))
            throw new InvalidOperationException($"Google's emulator is not installed here: {jar} is missing (install google-cloud-cli with its emulators)");
        // The free port is found before Java binds it, so another process (a parallel test run) can take it
        // first and the emulator exits at once: try again on another port before giving up.
        for (var attempt = 1; ; attempt++)
        {
            var (emulator, exited) = await TryStartAsync(jar, arguments).ConfigureAwait(false);
            if (emulator is not null)
                return emulator;
            if (attempt == 3)
                throw new InvalidOperationException($"the emulator {Path.GetFileName(jar)} exited while starting, 3 times; its last words: {exited}");
        }
    }

    private static async Task<(EmulatorProcess? Emulator, string Exited)> TryStartAsync(string jar, Func<int, string[]> arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments(port))
            info.ArgumentList.Add(argument == "{jar}" ? jar : argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("java did not start (is Java 17 installed?)");
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null)
                return;
            said.Enqueue(line);
            while (said.Count > 10)
                said.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                var exited = $"exit code {process.ExitCode} on port {port}: {string.Join(" | ", said)}";
                process.Dispose();
                return (null, exited);
            }
            try
            {
                using var response = await client.GetAsync(emulator.BaseAddress).ConfigureAwait(false);
                return (emulator, "");
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        await emulator.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException($"the emulator {Path.GetFileName(jar)} did not answer on port {port} within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
