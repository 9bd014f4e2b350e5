using Epy.Contracts.Logging;
using Epy.Google.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// Telemetry in one place: OpenTelemetry traces and metrics (the orchestrator's own, ASP.NET Core's and
/// HttpClient's, which cover every call to Firestore, Batch, Cloud Storage and Google's token endpoints),
/// exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; and the console logs
/// (<see cref="EpyConsoleFormatter"/>): JSON for Cloud Logging in the cloud, readable lines locally.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The OTLP endpoint variable (<c>http://localhost:4318</c> for a Cloud Run sidecar collector).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OTLP protocol variable: <c>http/protobuf</c> (the default here) or <c>grpc</c>.</summary>
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The service name when neither <c>OTEL_SERVICE_NAME</c> nor Cloud Run's <c>K_SERVICE</c> names it.</summary>
    public const string DefaultServiceName = "epy-orchestrator";

    /// <summary>Adds tracing and metrics, with OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set in <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddOrchestratorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = OtlpEndpoint(configuration);
        var protocol = string.Equals(configuration[OtlpProtocolVariable], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc
            : OtlpExportProtocol.HttpProtobuf;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OTEL_SERVICE_NAME"] ?? configuration["K_SERVICE"] ?? DefaultServiceName,
                serviceVersion: configuration["K_REVISION"]))
            .WithTracing(tracing =>
            {
                tracing.AddSource(OrchestratorTelemetry.Name)
                    .AddAspNetCoreInstrumentation(http => http.Filter = context => context.Request.Path != "/healthz")
                    .AddHttpClientInstrumentation();
                if (endpoint is not null)
                    tracing.AddOtlpExporter(otlp => Configure(otlp, protocol, endpoint, "v1/traces"));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrchestratorTelemetry.Name, GoogleTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (endpoint is not null)
                    metrics.AddOtlpExporter(otlp => Configure(otlp, protocol, endpoint, "v1/metrics"));
            });
        return services;
    }

    /// <summary>
    /// Replaces the console logging with <see cref="EpyConsoleFormatter"/>: JSON when <c>EPY_LOG_FORMAT=json</c>,
    /// <c>EPY_MODE=cloud</c> or on Cloud Run (<c>K_SERVICE</c>), text otherwise (<see cref="LogFormats"/>).
    /// </summary>
    public static ILoggingBuilder AddEpyConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        logging.ClearProviders();
        logging.AddConsole(console => console.FormatterName = EpyConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<EpyConsoleFormatter, EpyConsoleFormatterOptions>(options =>
        {
            options.Format = LogFormats.FromEnvironment(name => configuration[name]);
            options.Project = Project(configuration);
        });
        return logging;
    }

    /// <summary>The OTLP endpoint, or null when none is set (no export).</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[OtlpEndpointVariable];
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{OtlpEndpointVariable}: '{text}' is not an http(s) URL like http://localhost:4318");
    }

    /// <summary>The project of the traces the logs point to: <c>GOOGLE_CLOUD_PROJECT</c>, else the Batch or Firestore project.</summary>
    public static string? Project(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new[] { configuration["GOOGLE_CLOUD_PROJECT"], configuration["Batch:Project"], configuration["Firestore:ProjectId"] }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
    }

    // An endpoint set in code is used as it is: over HTTP the signal's path is added here, as the SDK does for the variable.
    private static void Configure(OtlpExporterOptions otlp, OtlpExportProtocol protocol, Uri endpoint, string signalPath)
    {
        otlp.Protocol = protocol;
        otlp.Endpoint = protocol == OtlpExportProtocol.Grpc
            ? endpoint
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }
}
