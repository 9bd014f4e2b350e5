using Epy.Google.Auth;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>Registers the Cloud Batch job runner.</summary>
public static class BatchExtensions
{
    /// <summary>
    /// Adds <see cref="BatchJobRunner"/> as the <see cref="IJobRunner"/>, with <see cref="BatchOptions"/>
    /// bound from the <c>Batch</c> section and validated at start-up. Needs an <see cref="IAccessTokenSource"/>
    /// and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddBatchJobRunner(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BatchOptions>, BatchOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BatchOptions>>().Value;
            // One client for the process (a singleton runner: one circuit breaker for the service);
            // pooled connections are renewed so DNS changes are seen. The pipeline times each attempt.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            return new BatchJobRunner(http, sp.GetRequiredService<IAccessTokenSource>(), options,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BatchJobRunner>>());
        });
        services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<BatchJobRunner>());
        return services;
    }
}
