using Epy.Orchestrator.Api;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Hosting;

/// <summary>
/// The one composition of an orchestrator host, used by the service's Program.cs, <c>epycloud serve --local</c>
/// and <c>epycloud run --local</c>: the service defaults (<see cref="ServiceDefaults"/>: shutdown timeout,
/// telemetry, logs, JSON), the mode's adapters, and (for a web host) the same endpoints.
/// </summary>
public static class OrchestratorHost
{
    /// <summary>
    /// Adds the service defaults and the orchestrator in <paramref name="mode"/>; logs below
    /// <paramref name="logLevel"/> are not written unless configuration says otherwise.
    /// </summary>
    public static TBuilder AddOrchestrator<TBuilder>(this TBuilder builder, OrchestratorMode mode, LogLevel logLevel = LogLevel.Information)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mode);
        builder.AddServiceDefaults(logLevel);
        builder.Services.AddSingleton(mode);
        switch (mode)
        {
            case OrchestratorMode.Cloud:
                builder.Services.AddCloudMode(builder.Configuration);
                break;
            case OrchestratorMode.Local local:
                builder.Services.AddLocalMode(local.Options, local.Defaults);
                break;
        }
        return builder;
    }

    /// <summary>
    /// Maps what every orchestrator serves: problem details, the <c>/v1</c> API, the dashboard and, in the
    /// cloud, the Batch job events pushed by Pub/Sub.
    /// </summary>
    public static WebApplication MapOrchestrator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseServiceDefaults();
        app.MapRunsApi();
        app.MapDashboard();
        if (app.Services.GetRequiredService<OrchestratorMode>() is OrchestratorMode.Cloud)
            app.MapBatchEvents();
        return app;
    }
}
