using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

public class BatchExtensionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IAccessTokenSource, NoAccessToken>()
            .AddBatchJobRunner(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void AddBatchJobRunner_BindsTheBatchSection_AndRunsJobsOnBatch()
    {
        using var services = Services(new()
        {
            ["Batch:Project"] = "epy-prod",
            ["Batch:Region"] = "us-central1",
            ["Batch:Bucket"] = "epy-runs",
            ["Batch:StageImage"] = "us-central1-docker.pkg.dev/epy-prod/epy/epy-stages",
            ["Batch:Runner:MachineType"] = "c4d-highcpu-8",
            ["Batch:Environment:FORECAST_REPO_DIR"] = "/data/forecast/",
        });

        services.GetRequiredService<IJobRunner>().ShouldBeOfType<BatchJobRunner>();
        var options = services.GetRequiredService<IOptions<BatchOptions>>().Value;
        options.Runner.MachineType.ShouldBe("c4d-highcpu-8");
        options.Runner.BootDiskGb.ShouldBe(30);
        options.Environment["FORECAST_REPO_DIR"].ShouldBe("/data/forecast/");
    }

    [Fact]
    public void AddBatchJobRunner_WithoutProjectOrBucket_RefusesToStart_NamingWhatIsMissing()
    {
        using var services = Services(new() { ["Batch:Region"] = "us-central1" });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<BatchOptions>>().Value);

        failure.Failures.ShouldContain(f => f.Contains("Batch:Project", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.Contains("Batch:Bucket", StringComparison.Ordinal));
    }
}
