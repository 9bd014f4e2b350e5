using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Hosting;

/// <summary>
/// What every mode shares on top of its ports (run store, job runner, artifacts, catalog): the event
/// handler, command executor, reconciler and run service.
/// </summary>
public static class OrchestratorCoreExtensions
{
    /// <summary>Adds what every mode shares, with a fixed artifact prefix and default policy.</summary>
    public static IServiceCollection AddOrchestratorCore(this IServiceCollection services, string dirPrefix, RunPolicy defaults) =>
        services.AddOrchestratorCore(_ => new ArtifactLayout(dirPrefix), _ => defaults);

    /// <summary>
    /// Adds what every mode shares, with the layout and the default policy made when first needed
    /// (cloud mode reads them from options validated at start-up).
    /// </summary>
    public static IServiceCollection AddOrchestratorCore(
        this IServiceCollection services, Func<IServiceProvider, ArtifactLayout> layout, Func<IServiceProvider, RunPolicy> defaults)
    {
        services.AddSingleton(layout);
        services.AddSingleton(sp => new CommandExecutor(
            sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<IJobRunner>(), sp.GetRequiredService<IRunArtifacts>(),
            CommandResilience.Create(sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<ArtifactLayout>().DirPrefix,
            sp.GetRequiredService<ILogger<CommandExecutor>>()));
        services.AddSingleton<RunEventProcessor>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<LastAttemptReader>();
        services.AddSingleton(sp => new RunService(
            sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<RunEventProcessor>(), sp.GetRequiredService<IExperimentCatalog>(),
            defaults(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RunService>>())
        {
            LastAttempt = sp.GetRequiredService<LastAttemptReader>(),
        });
        return services;
    }
}
