using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Browser;

/// <summary>
/// Headless Chromium (the Debian package, <c>/usr/bin/chromium</c>; .ci/run installs it) with a fresh
/// profile, driven through the DevTools protocol on a port it picks on 127.0.0.1. No browser is ever
/// downloaded; without the package the tests that need it fail saying so.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _profile;
    private readonly HttpClient _http;

    private Chromium(Process process, TempFolder profile, Uri devTools)
    {
        _process = process;
        _profile = profile;
        _http = new HttpClient { BaseAddress = devTools, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>Where the browser is looked for: <c>EPY_CHROMIUM</c>, else the Debian package's path.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("EPY_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<Chromium> StartAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install the Debian package (apt-get install -y chromium), as bash test.sh does when run as root, or set EPY_CHROMIUM");
        var profile = new TempFolder();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", "about:blank",
        })
        {
            start.ArgumentList.Add(flag);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            errors.Enqueue(line.Data);
            if (DevToolsLine().Match(line.Data) is { Success: true } match)
                listening.TrySetResult(new Uri($"http://127.0.0.1:{match.Groups[1].Value}/"));
        };
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        if (ready != listening.Task)
        {
            Kill(process);
            profile.Dispose();
            throw new TimeoutException($"chromium did not open its DevTools port within 30 s:\n{string.Join("\n", errors)}");
        }
        return new Chromium(process, profile, await listening.Task);
    }

    /// <summary>A new tab, with a laptop-sized viewport.</summary>
    public async Task<CdpPage> NewPageAsync(int width = 1366, int height = 900)
    {
        using var response = await _http.PutAsync("json/new?about:blank", null);
        response.EnsureSuccessStatusCode();
        var target = await response.Content.ReadFromJsonAsync<JsonElement>();
        var page = await CdpPage.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!));
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        await page.SendAsync("Page.enable");
        await page.SendAsync("Runtime.enable");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        _profile.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DevToolsLine();
}
