using System.CommandLine;
using Epy.Orchestrator.Api;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Cli;

/// <summary><c>epycloud serve --local</c>: the orchestrator's API on 127.0.0.1, with the project's recurring forecasts.</summary>
public static class ServeCommand
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 8765;

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var local = new Option<bool>("--local") { Description = "Serve the embedded local orchestrator" };
        var projectDir = new Option<string>("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where runs, logs and outputs go (default: {project-dir}/.epy)" };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("serve", "Serve the orchestrator API on 127.0.0.1 (and run the project's schedules)") { local, projectDir, stateDir, port };
        CliAction.Set(command, async (context, parse, cancellationToken) =>
        {
            if (!parse.GetValue(local))
                throw CliException.Configuration("serve: only --local is available; the cloud service runs on Cloud Run", "epycloud serve --local, or deploy with 'epycloud terraform apply'");
            var project = parse.GetValue(projectDir)!;
            IReadOnlyList<ScheduleEntry> schedules;
            try
            {
                schedules = ProjectFile.LoadSchedules(project);
            }
            catch (FormatException invalid)
            {
                throw CliException.Configuration(invalid.Message, $"fix the schedules: of {Path.Combine(Path.GetFullPath(project), "epycloud.yaml")}");
            }
            LocalModeOptions options;
            try
            {
                options = LocalModeSetup.ForProject(project, parse.GetValue(stateDir));
            }
            catch (FileNotFoundException missing)
            {
                throw CliException.Configuration(missing.Message);
            }
            // A port in use is said in one line before the web host starts (it would log a stack trace).
            if (!PortIsFree(parse.GetValue(port)))
                throw PortInUse(parse.GetValue(port));
            var app = BuildApp(options, schedules, parse.GetValue(port));
            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (StateFolderInUseException busy)
                {
                    throw CliException.Configuration(busy.Message, "stop the other 'epycloud serve --local' or 'run --local', or pass another --state-dir");
                }
                catch (IOException taken) when (taken.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
                {
                    throw PortInUse(parse.GetValue(port));
                }
                await context.Out.WriteLineAsync($"orchestrator and its dashboard on http://127.0.0.1:{parse.GetValue(port)}/ ({schedules.Count} schedule(s)); Ctrl-C stops it, runs resume on the next start").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }, projectDir);
        return command;
    }

    private static CliException PortInUse(int port) =>
        CliException.Configuration($"port {port} on 127.0.0.1 is in use (another 'epycloud serve --local'?)", "pass --port N, or stop what listens there");

    private static bool PortIsFree(int port)
    {
        if (port == 0)
            return true;
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>
    /// The local orchestrator web app on 127.0.0.1:<paramref name="port"/> (0 picks a free port), composed as the
    /// service is (<see cref="OrchestratorHost"/>) with the project's <paramref name="schedules"/>.
    /// </summary>
    public static WebApplication BuildApp(LocalModeOptions options, IReadOnlyList<ScheduleEntry> schedules, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddOrchestrator(new OrchestratorMode.Local(options, LocalModeSetup.LocalDefaults()), LogLevel.Warning);
        builder.Services.AddSingleton(schedules);
        builder.Services.AddHostedService<LocalScheduler>();
        var app = builder.Build();
        app.UseMiddleware<LoopbackHostCheck>();
        app.MapOrchestrator();
        return app;
    }
}
