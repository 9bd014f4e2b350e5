using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Epy.Orchestrator.Tests.Fixtures;

/// <summary>
/// The orchestrator service (<c>dotnet Epy.Orchestrator.dll</c>, as deployed) in local mode as a child
/// process on a free port of 127.0.0.1, on a minimal forecast repository with the fake stage program,
/// with <paramref name="environment"/> added; its console lines are kept.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServiceProcess(Process process, TempFolder folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>A client of the service.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The lines written so far (standard output and error).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var folder = new TempFolder();
        var fake = new FakeStage(folder.Combine("fake"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Epy.Orchestrator.dll"));
        foreach (var name in new[] { "EPY_MODE", "K_SERVICE", "EPY_LOG_FORMAT", "OTEL_EXPORTER_OTLP_ENDPOINT", "ASPNETCORE_ENVIRONMENT" })
            info.Environment.Remove(name);
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["EPY_PROJECT_DIR"] = ForecastRepo.Minimal(folder);
        info.Environment["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command);
        info.Environment["FAKE_CONTROL"] = fake.Control;
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var service = new ServiceProcess(Process.Start(info)!, folder);
        service._process.OutputDataReceived += (_, e) => { if (e.Data is not null) service._lines.Enqueue(e.Data); };
        service._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service._lines.Enqueue(e.Data); };
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            var address = await Wait.ForAsync(
                () => Task.FromResult(service.Lines.Select(line => ListeningOn().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value),
                TimeSpan.FromSeconds(30), () => $"the service never said where it listens; it wrote:\n{string.Join('\n', service.Lines)}");
            // No trace headers from this process: a test's own traceparent must reach the service as sent, whichever
            // other test's telemetry listens to HttpClient here (it would replace the header with a span of its own).
            service.Client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromSeconds(30),
            };
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _folder.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
