using Epy.Google.Firestore;
using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Storage;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>How the cloud mode reads its settings, and how it refuses to start without good ones.</summary>
public class CloudModeConfigurationTests
{
    private static readonly Uri Emulator = new("http://127.0.0.1:8681/");

    [Fact]
    public async Task Start_WithNothingSet_FailsNamingEveryRequiredSetting()
    {
        await using var service = CloudService.Build(new Dictionary<string, string?> { ["EPY_MODE"] = "cloud" });

        var failure = await Should.ThrowAsync<Exception>(service.StartAsync);

        var message = Messages(failure);
        foreach (var setting in new[] { "Batch:Project", "Batch:Region", "Batch:Bucket", "Batch:StageImage", "Batch:NotificationTopic", "Firestore:ProjectId", "Push:Audience", "Push:AllowedEmails" })
            message.ShouldContain(setting);
    }

    [Fact]
    public async Task Start_WithMalformedSettings_FailsNamingEachOne()
    {
        var settings = Valid();
        settings["Batch:DirPrefix"] = "flu";
        settings["Batch:ServiceAccountEmail"] = "batch-runner";
        settings["Batch:Network"] = "epy-net";
        settings["Batch:NotificationTopic"] = "batch-jobs";
        settings["Push:VerifyTokens"] = "true";
        settings["Push:Audience"] = "https://epy-orchestrator.a.run.app";
        settings["Push:AllowedEmails:0"] = "pubsub-invoker";
        settings["Policy:MaxParallelism"] = "0";
        settings["Policy:Runner:CpuMilli"] = "10";
        settings["Policy:DeadlineHours"] = "-1";
        settings["Storage:BaseUri"] = "https://storage.example/api";
        settings.Remove("STORAGE_EMULATOR_HOST");
        await using var service = CloudService.Build(settings);

        var failure = await Should.ThrowAsync<Exception>(service.StartAsync);

        var message = Messages(failure);
        foreach (var setting in new[]
        {
            "Batch:DirPrefix 'flu'", "Batch:ServiceAccountEmail 'batch-runner'", "Batch:Network 'epy-net'", "Batch:NotificationTopic 'batch-jobs'",
            "Push:AllowedEmails 'pubsub-invoker'", "Policy:MaxParallelism", "Policy:Runner:CpuMilli", "Policy:DeadlineHours", "Storage:BaseUri",
        })
            message.ShouldContain(setting);
        message.ShouldNotContain("Push:Audience");
    }

    [Fact]
    public async Task Start_WithAMalformedEmulatorHost_FailsNamingIt()
    {
        var settings = Valid();
        settings["FIRESTORE_EMULATOR_HOST"] = "http://";
        await using var service = CloudService.Build(settings);

        (await Should.ThrowAsync<InvalidOperationException>(service.StartAsync)).Message.ShouldContain("FIRESTORE_EMULATOR_HOST");
    }

    [Fact]
    public async Task Services_OnEmulators_CallWithoutTokens_AtTheEmulatorsAddresses()
    {
        await using var service = CloudService.Build(Valid());
        var services = service.Services;

        services.GetRequiredService<IAccessTokenSource>().ShouldBeOfType<NoAccessToken>();
        services.GetRequiredService<IRunStore>().ShouldBeOfType<FirestoreRunStore>();
        services.GetRequiredService<IJobRunner>().ShouldBeOfType<BatchJobRunner>();
        services.GetRequiredService<IRunArtifacts>().ShouldBeOfType<GcsRunArtifacts>();
        services.GetRequiredService<IExperimentCatalog>().ShouldBeOfType<AnyExperimentCatalog>();
        var firestore = services.GetRequiredService<IOptions<FirestoreOptions>>().Value;
        firestore.BaseAddress.ShouldBe(Emulator);
        firestore.ProjectId.ShouldBe("runs-project");
        services.GetRequiredService<IOptions<StorageOptions>>().Value.BaseUri.ShouldBe(new Uri("http://127.0.0.1:4443/"));
        services.GetRequiredService<ArtifactLayout>().DirPrefix.ShouldBe(CloudSettings.DirPrefix);
        services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Services_WithoutEmulators_UseGoogleTokens_AndFirestoreTakesTheBatchProject()
    {
        var settings = Valid();
        settings.Remove("FIRESTORE_EMULATOR_HOST");
        settings.Remove("STORAGE_EMULATOR_HOST");
        settings.Remove("Firestore:ProjectId");
        await using var service = CloudService.Build(settings);

        service.Services.GetRequiredService<IAccessTokenSource>().ShouldBeOfType<GoogleAccessTokenSource>();
        var firestore = service.Services.GetRequiredService<IOptions<FirestoreOptions>>().Value;
        firestore.ProjectId.ShouldBe(CloudSettings.Project);
        firestore.BaseAddress.ShouldBe(FirestoreOptions.DefaultBaseAddress);
        service.Services.GetRequiredService<IOptions<StorageOptions>>().Value.BaseUri.ShouldBe(GcsRunArtifacts.DefaultBaseUri);
    }

    [Fact]
    public void DefaultPolicy_ComesFromThePolicySection_OverTheBuiltInDefaults()
    {
        var settings = Valid();
        settings["Policy:MaxParallelism"] = "250";
        settings["Policy:Spot"] = "true";
        settings["Policy:MaxFailedFraction"] = "0.05";
        settings["Policy:DeadlineHours"] = "0";
        settings["Policy:Runner:MachineType"] = "c4d-highcpu-8";
        settings["Policy:Runner:MaxRunDurationSeconds"] = "7200";
        var service = CloudService.Build(settings);

        var policy = service.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy();

        policy.MaxParallelism.ShouldBe(250);
        policy.Spot.ShouldBeTrue();
        policy.Tolerance.MaxFailedFraction.ShouldBe(0.05);
        policy.RunDeadline.ShouldBeNull();
        policy.Runner.MachineType.ShouldBe("c4d-highcpu-8");
        policy.Runner.MaxRunDuration.ShouldBe(TimeSpan.FromHours(2));
        policy.Runner.CpuMilli.ShouldBe(Core.Policy.RunPolicy.Default.Runner.CpuMilli);
        policy.Builder.ShouldBe(Core.Policy.RunPolicy.Default.Builder);
        policy.Problems().ShouldBeEmpty();
    }

    private static Dictionary<string, string?> Valid() =>
        CloudSettings.For(Emulator, "runs-project", CloudSettings.Nowhere, new Uri("http://127.0.0.1:4443/"), "epy-runs", "projects/test-project/topics/batch-jobs");

    private static string Messages(Exception failure) => failure switch
    {
        AggregateException many => string.Join("\n", many.Flatten().InnerExceptions.Select(Messages)),
        _ => failure.Message + (failure.InnerException is { } inner ? "\n" + Messages(inner) : ""),
    };
}
