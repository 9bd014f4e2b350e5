using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<LocalJobTable>();
        services.AddSingleton<LocalTaskPool>();
        services.AddSingleton<LocalJobRunner>();
        services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<LocalJobRunner>());
        services.AddSingleton(_ => new FolderRunArtifacts(options.BucketRoot));
        services.AddSingleton<IRunArtifacts>(sp => sp.GetRequiredService<FolderRunArtifacts>());
        services.AddSingleton<IRunFiles>(sp => sp.GetRequiredService<FolderRunArtifacts>());
        services.AddSingleton<IExperimentCatalog>(_ => new FolderExperimentCatalog(options.ForecastRepoDir));
        services.AddSingleton<IDashboardMode>(sp => new LocalDashboardMode(options, sp.GetRequiredService<LocalJobTable>()));
        services.AddOrchestratorCore(options.DirPrefix, defaults ?? RunPolicy.Default);
        services.AddHostedService<LocalModeService>();
        return services;
    }
}
