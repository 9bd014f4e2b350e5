using Epy.Cli;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Epy.Orchestrator.Tests.Hosting;

/// <summary>
/// The service, <c>epycloud serve --local</c> and <c>epycloud run --local</c> are one composition
/// (<see cref="OrchestratorHost"/>): the same shutdown timeout, the same telemetry, the same endpoints.
/// </summary>
public sealed class HostCompositionTests
{
    [Fact]
    public async Task ServeAndRunLocal_StopWithinTheServicesShutdownTimeout_AndHaveItsTelemetry()
    {
        using var folder = new TempFolder();
        await using var serve = ServeCommand.BuildApp(Options(folder), [], port: 0);
        using var run = RunCommand.BuildLocalHost(Options(folder), maxParallelism: null);

        foreach (var services in new[] { serve.Services, run.Services })
        {
            services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBe(ServiceDefaults.ShutdownTimeout);
            services.GetService<TracerProvider>().ShouldNotBeNull();
            services.GetService<MeterProvider>().ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task ServeLocal_MapsTheSameEndpointsAsTheServiceInLocalMode()
    {
        using var folder = new TempFolder();
        var builder = WebApplication.CreateBuilder();
        builder.AddOrchestrator(new OrchestratorMode.Local(Options(folder), RunPolicy.Default));
        await using var service = builder.Build();
        service.MapOrchestrator();
        await using var serve = ServeCommand.BuildApp(Options(folder), [], port: 0);

        Routes(serve).ShouldBe(Routes(service));
        Routes(serve).ShouldContain("GET /runs/{id}");
        Routes(serve).ShouldContain("POST /v1/runs");
        Routes(serve).ShouldNotContain("POST /v1/events/batch");
    }

    [Fact]
    public void ServiceMode_IsCloudOnlyWhenEpyModeSaysSo()
    {
        OrchestratorMode.From(Configuration(("EPY_MODE", "cloud"))).ShouldBeOfType<OrchestratorMode.Cloud>();
        using var folder = new TempFolder();
        var local = OrchestratorMode.From(Configuration((ServiceDefaults.ProjectDirVariable, folder.Path))).ShouldBeOfType<OrchestratorMode.Local>();
        local.Options.ForecastRepoDir.ShouldBe(Path.GetFullPath(folder.Path));
        local.Defaults.ShouldBe(RunPolicy.Default);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    private static List<string> Routes(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)];

    private static LocalModeOptions Options(TempFolder folder) => new()
    {
        DatabasePath = folder.Combine("state", "orchestrator.db"),
        BucketRoot = folder.Combine("state", "bucket"),
        LogsRoot = folder.Combine("state", "logs"),
        ForecastRepoDir = folder.Path,
        StageCommand = ["true"],
    };
}
