using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Epy.Deployment.Tests.Terraform;
using Xunit.Abstractions;

namespace Epy.Deployment.Tests.Images;

/// <summary>
/// Each image's program, published exactly as its Dockerfile publishes it (same COPY lines, same
/// restore and publish commands), laid out as the image lays it out, and run.
/// </summary>
[Collection(ImageBuilds.Name)]
public sealed class ImageBuildTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task StageImage_AsPublished_AnswersItsUsage()
    {
        using var build = new DockerBuildEmulation(Dockerfile.Read("Dockerfile.stages"));
        build.Build(CommandTimeout);
        output.WriteLine(string.Join("\n", build.Commands));

        // The entrypoint is a wrapper the Dockerfile writes: exec dotnet /app/epy-stage.dll "$@".
        var program = build.InImage("/app/epy-stage.dll");
        File.Exists(program).ShouldBeTrue("the wrapper's /app/epy-stage.dll is not in the image");
        Directory.Exists(build.InImage("/app/data/epydemix-data/data")).ShouldBeTrue("the shipped population data is not in the image");
        File.Exists(build.InImage("/app/data/location_codebook.csv")).ShouldBeTrue("the shipped location codebook is not in the image");
        File.Exists(build.InImage("/app/data/flusight_locations.csv")).ShouldBeTrue("the shipped FluSight locations table is not in the image");
        var (code, text) = await RunAsync(program, ["--help"], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        code.ShouldBe(2);
        text.ShouldContain("usage: epy-stage builder|runner|output");
    }

    [Fact]
    public async Task OrchestratorImage_AsPublished_StartsInCloudMode_WithTheTerraformSettings()
    {
        using var build = new DockerBuildEmulation(Dockerfile.Read("Dockerfile.orchestrator"));
        build.Build(CommandTimeout);
        output.WriteLine(string.Join("\n", build.Commands));

        var program = build.InImage("/app/Epy.Orchestrator.dll");
        File.Exists(program).ShouldBeTrue();
        Directory.Exists(build.InImage("/app/stage")).ShouldBeFalse("the cloud image leaves the local mode's stage program out");
        var port = FreePort();
        var environment = TestEnvironment.Sample();
        environment.Remove("ASPNETCORE_HTTP_PORTS");
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:1"; // no Google credentials: nothing is called before a request

        var start = Start(program, [], environment);
        using var process = start.Process;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var answer = await PollAsync(http, new Uri($"http://127.0.0.1:{port}/healthz"), process, TimeSpan.FromSeconds(60));
            answer.ShouldContain("ok", customMessage: start.Output.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine(start.Output.ToString());
        }
    }

    private static async Task<string> PollAsync(HttpClient http, Uri uri, Process process, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            process.HasExited.ShouldBeFalse("the service stopped");
            try
            {
                return await http.GetStringAsync(uri);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }
        throw new ShouldAssertException($"no answer from {uri} within {limit}");
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string[] arguments, Dictionary<string, string> environment, TimeSpan limit)
    {
        var start = Start(program, arguments, environment);
        using var process = start.Process;
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        return (process.ExitCode, start.Output.ToString());
    }

    private static (Process Process, System.Text.StringBuilder Output) Start(string program, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        var output = new System.Text.StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
