using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Epy.Bench.Load;

/// <summary>Google's Firestore emulator (the jar of google-cloud-cli) on a free port of 127.0.0.1, as the cloud tests start it.</summary>
internal sealed class FirestoreEmulator : IAsyncDisposable
{
    private const string Jar = "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
    private readonly Process _process;

    private FirestoreEmulator(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<FirestoreEmulator> StartAsync()
    {
        if (!File.Exists(Jar))
            throw new InvalidOperationException($"the Firestore emulator is not installed here: {Jar} is missing (install google-cloud-cli with its emulators)");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-Duser.language=en", "-cp", Jar, "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start", "--host=127.0.0.1", $"--port={port}" })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("java did not start (is Java 17 installed?)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new FirestoreEmulator(process, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the Firestore emulator exited with {process.ExitCode} while starting");
            try
            {
                using var response = await client.GetAsync(emulator.BaseAddress).ConfigureAwait(false);
                return emulator;
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
        await emulator.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException("the Firestore emulator did not answer within 90 s");
    }

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
