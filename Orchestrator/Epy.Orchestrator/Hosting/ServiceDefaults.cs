using Epy.Orchestrator.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Hosting;

/// <summary>
/// What the service is in either mode: problem details, the API's JSON, a shutdown inside Cloud Run's 10 s,
/// and telemetry (<see cref="TelemetryExtensions"/>: traces and metrics, OTLP when configured, console logs
/// as JSON in the cloud).
/// </summary>
public static class ServiceDefaults
{
    /// <summary>The variable that picks the mode: <c>cloud</c>, or anything else (unset) for local.</summary>
    public const string ModeVariable = "EPY_MODE";

    /// <summary>The variable naming the forecast repository of the service in local mode (default: the current folder).</summary>
    public const string ProjectDirVariable = "EPY_PROJECT_DIR";

    /// <summary>
    /// How long stopping may take after SIGTERM: Cloud Run kills the instance 10 s after it, so in-flight
    /// requests (a push being committed) get 8 s and the host a margin to flush its logs.
    /// </summary>
    public static TimeSpan ShutdownTimeout { get; } = TimeSpan.FromSeconds(8);

    /// <summary>True when <c>EPY_MODE=cloud</c>.</summary>
    public static bool IsCloudMode(this IConfiguration configuration) =>
        string.Equals(configuration?[ModeVariable], "cloud", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds problem details, the API's JSON options, the shutdown timeout, logging and telemetry; logs below
    /// <paramref name="logLevel"/> are not written unless configuration says otherwise (a terminal wants warnings only).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, LogLevel logLevel = LogLevel.Information)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // ASP.NET Core's own request lines (several per request at Information) would double what Cloud Run
        // already logs per request and flood a push burst; a default below every other source, so
        // Logging__LogLevel__Microsoft.AspNetCore still changes it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Default", logLevel.ToString()), new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });
        builder.Logging.AddEpyConsole(builder.Configuration);
        builder.Services.AddOrchestratorTelemetry(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => OrchestratorJson.Configure(json.SerializerOptions));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }

    /// <summary>Forbids framing, and turns unhandled errors and bare status codes into problem details.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<Api.NoFramingHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
