using Epy.Google;
using Epy.Google.Auth;
using Epy.Google.Firestore;
using Epy.Google.Storage;
using Epy.Orchestrator.Cloud.Auth;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Storage;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud;

/// <summary>
/// Registers the cloud mode: runs in Firestore, jobs on Cloud Batch, files in Cloud Storage, job events
/// pushed by Pub/Sub. Settings come from configuration sections (environment variables
/// <c>Batch__Project</c>, <c>Firestore__DatabaseId</c>, <c>Storage__BaseUri</c>, <c>Push__Audience</c>,
/// <c>Policy__MaxParallelism</c>, ...; see the README), validated when the service starts: a missing or
/// malformed setting stops it with a message naming the setting.
/// </summary>
public static class CloudModeExtensions
{
    /// <summary>Adds the orchestrator in cloud mode, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddCloudMode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Naming the Firestore emulator makes the deployment a test or development one: no call carries a Google token.
        services.AddSingleton<IAccessTokenSource>(string.IsNullOrWhiteSpace(configuration[CloudEmulators.FirestoreVariable]) ? new GoogleAccessTokenSource() : new NoAccessToken());

        services.AddBatchJobRunner(configuration);
        services.AddSingleton<IValidateOptions<BatchOptions>>(new OptionsProblems<BatchOptions>(CloudProblems));

        services.AddOptions<FirestoreOptions>().Bind(configuration.GetSection("Firestore")).PostConfigure(options =>
        {
            // One project for everything unless Firestore's is named apart.
            if (string.IsNullOrWhiteSpace(options.ProjectId))
                options.ProjectId = configuration[$"{BatchOptions.Section}:{nameof(BatchOptions.Project)}"] ?? "";
            if (EmulatorAddress(configuration, CloudEmulators.FirestoreVariable) is { } emulator)
                options.BaseAddress = emulator;
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirestoreOptions>>(new OptionsProblems<FirestoreOptions>(options => options.Problems().Select(p => "Firestore:" + p)));
        services.AddSingleton(sp => new FirestoreClient(
            NewHttpClient(Timeout.InfiniteTimeSpan), sp.GetRequiredService<IAccessTokenSource>(),
            sp.GetRequiredService<IOptions<FirestoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FirestoreRunStore>();
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<FirestoreRunStore>());

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).PostConfigure(options =>
        {
            if (EmulatorAddress(configuration, CloudEmulators.StorageVariable) is { } emulator)
                options.BaseUri = emulator;
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new OptionsProblems<StorageOptions>(options => options.Problems()));
        services.AddSingleton<IRunArtifacts>(sp =>
        {
            // An API root other than Cloud Storage's is an emulator (STORAGE_EMULATOR_HOST): no credentials.
            var root = sp.GetRequiredService<IOptions<StorageOptions>>().Value.BaseUri;
            var client = StorageClients.Create(root == GcsRunArtifacts.DefaultBaseUri ? null : root);
            return new GcsRunArtifacts(new StorageBucket(
                client, sp.GetRequiredService<IOptions<BatchOptions>>().Value.Bucket, new StorageSettings(), sp.GetRequiredService<TimeProvider>()));
        });
        services.AddSingleton<IExperimentCatalog, AnyExperimentCatalog>();
        services.AddSingleton<IDashboardMode>(sp => new CloudDashboardMode(sp.GetRequiredService<IOptions<BatchOptions>>().Value.Project));

        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection(PolicyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>>(new OptionsProblems<PolicyOptions>(options => options.Problems()));
        services.AddOrchestratorCore(
            sp => new ArtifactLayout(sp.GetRequiredService<IOptions<BatchOptions>>().Value.DirPrefix),
            sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy());

        services.AddOptions<PushOptions>().Bind(configuration.GetSection(PushOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>>(new OptionsProblems<PushOptions>(options => options.Problems()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PushOptions>>().Value);
        services.AddOptions<ApiCallerOptions>().Bind(configuration.GetSection(ApiCallerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiCallerOptions>>(new OptionsProblems<ApiCallerOptions>(options => options.Problems()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ApiCallerOptions>>().Value);
        services.AddSingleton(sp => new IapAssertionVerifier(
            NewHttpClient(TimeSpan.FromSeconds(10)), sp.GetRequiredService<ApiCallerOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OidcTokenVerifier(
            NewHttpClient(TimeSpan.FromSeconds(10)), sp.GetRequiredService<PushOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>What the cloud needs of Batch beyond what any Batch runner needs: the job events' topic.</summary>
    private static IEnumerable<string> CloudProblems(BatchOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.NotificationTopic))
            yield return "Batch:NotificationTopic is required in cloud mode: the Pub/Sub topic (projects/p/topics/t) whose push subscription calls POST /v1/events/batch";
    }

    /// <summary>The emulator <paramref name="variable"/> names in <paramref name="configuration"/>; a malformed value stops the start.</summary>
    private static Uri? EmulatorAddress(IConfiguration configuration, string variable)
    {
        try
        {
            return CloudEmulators.Address(variable, configuration[variable]);
        }
        catch (ArgumentException malformed)
        {
            throw new InvalidOperationException(malformed.Message, malformed);
        }
    }

    // One client per adapter for the process; pooled connections are renewed so DNS changes are seen.
    private static HttpClient NewHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = timeout };
}
