using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Local;

/// <summary>Registers the local mode: SQLite run store, child-process job runner, bucket-like folder.</summary>
public static class LocalModeExtensions
{
    /// <summary>Adds the orchestrator in local mode with <paramref name="options"/>.</summary>
    public static IServiceCollection AddLocalMode(this IServiceCollection services, LocalModeOptions options, RunPolicy? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StateFolderLock>();
        services.AddSingleton(_ => new LocalDatabase(options.DatabasePath));
        services.AddSingleton<IRunStore, SqliteRunStore>();
        services.AddSingleton<LocalEventChannel>();
        services.AddSingleton<LocalJobRunner>();
        services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<LocalJobRunner>());
        services.AddSingleton<IRunArtifacts>(_ => new FolderRunArtifacts(options.BucketRoot));
        services.AddSingleton<IExperimentCatalog>(_ => new FolderExperimentCatalog(options.ForecastRepoDir));
        services.AddOrchestratorCore(options.DirPrefix, defaults ?? RunPolicy.Default);
        services.AddHostedService<LocalModeService>();
        return services;
    }

    /// <summary>Adds what every mode shares: the event handler, command executor, reconciler and run service.</summary>
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
        services.AddSingleton(sp => new RunService(
            sp.GetRequiredService<IRunStore>(), sp.GetRequiredService<RunEventProcessor>(), sp.GetRequiredService<IExperimentCatalog>(),
            defaults(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RunService>>()));
        return services;
    }
}
