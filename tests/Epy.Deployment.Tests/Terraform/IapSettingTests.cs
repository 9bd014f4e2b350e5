namespace Epy.Deployment.Tests.Terraform;

/// <summary>The dashboard behind Identity-Aware Proxy: var.iap_audiences reaches the service as a setting it reads and accepts.</summary>
public sealed class IapSettingTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    [Fact]
    public void IapAudiences_BecomeTheServicesApiIapAudiences()
    {
        Hcl.Text(Tf.Locals["iap_env"]).ShouldBe("${{ for i, audience in var.iap_audiences : \"Api__IapAudiences__${i}\" => audience }}");
        var container = Hcl.Block(Tf.Resource("google_cloud_run_v2_service", "orchestrator").Block("template"), "containers");
        Hcl.Text(Hcl.Block(container["dynamic"]!.AsObject(), "env")["for_each"])!.ShouldContain("local.iap_env");
        OrchestratorSettings.IsKnown("Api__IapAudiences__0").ShouldBeTrue();
    }

    [Fact]
    public void IapAudience_OfTheFormTheVariableAccepts_PassesTheServicesValidation()
    {
        var environment = TestEnvironment.Sample();
        environment["Api__IapAudiences__0"] = "/projects/123456789012/global/backendServices/987654321";
        environment["Api__IapAudiences__1"] = "/projects/123456789012/apps/demo-project";

        OrchestratorSettings.Problems(environment).ShouldBeEmpty();
        Hcl.Text(Tf.Variables["iap_audiences"]["default"]).ShouldBe("[]");
    }
}
