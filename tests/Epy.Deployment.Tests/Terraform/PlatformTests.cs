namespace Epy.Deployment.Tests.Terraform;

/// <summary>APIs, the image registry, the bucket choice, the Batch network and the outputs.</summary>
public sealed class PlatformTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    [Fact]
    public void EveryApiTheDeploymentUses_IsEnabled()
    {
        var apis = Hcl.Strings(Tf.Locals["apis"]).ToList();

        foreach (var api in new[] { "run", "batch", "pubsub", "firestore", "cloudscheduler", "artifactregistry", "secretmanager", "logging", "monitoring", "cloudtrace", "compute" })
            apis.ShouldContain($"{api}.googleapis.com");
        Tf.Resource("google_project_service", "apis").Text("for_each").ShouldBe("${toset(local.apis)}");
    }

    [Fact]
    public void Images_LiveInTheDockerRegistry_TheServiceAndBatchUse()
    {
        var registry = Tf.Resource("google_artifact_registry_repository", "images");
        var env = Tf.LocalObject("orchestrator_env");

        registry.Text("format").ShouldBe("DOCKER");
        Hcl.Text(Tf.Locals["registry"])!.ShouldContain("${google_artifact_registry_repository.images.repository_id}");
        Hcl.Text(Tf.Locals["stage_image"]).ShouldBe("${local.registry}/epy-stages");
        Hcl.Text(Tf.Locals["orchestrator_image"]).ShouldBe("${local.registry}/epy-orchestrator");
        Hcl.Text(env["Batch__StageImage"]).ShouldBe("${local.stage_image}");
        Hcl.Text(env["Batch__DefaultImageTag"]).ShouldBe("${var.image_tag}");
    }

    [Fact]
    public void Bucket_IsAnExistingOne_OrANewOne()
    {
        Tf.Resource("google_storage_bucket", "runs").Text("count").ShouldBe("${var.create_bucket ? 1 : 0}");
        Tf.DataSources.Single(data => data.Type == "google_storage_bucket").Text("count").ShouldBe("${var.create_bucket ? 0 : 1}");
        Hcl.Text(Tf.LocalObject("orchestrator_env")["Batch__Bucket"]).ShouldBe("${local.bucket_name}");
    }

    [Fact]
    public void BatchVms_GetASubnetWithPrivateGoogleAccess_AndNatForGitHub()
    {
        var subnet = Tf.Resource("google_compute_subnetwork", "batch");
        var router = Tf.Resource("google_compute_router", "batch");
        var nat = Tf.Resource("google_compute_router_nat", "batch");
        var env = Tf.LocalObject("orchestrator_env");

        subnet.Text("private_ip_google_access").ShouldBe("true");
        subnet.Text("network").ShouldBe("${google_compute_network.batch.id}");
        router.Text("network").ShouldBe("${google_compute_network.batch.id}");
        nat.Text("router").ShouldBe("${google_compute_router.batch.name}");
        Hcl.Text(Hcl.Block(nat.Body, "subnetwork")["name"]).ShouldBe("${google_compute_subnetwork.batch.id}");
        Tf.Resource("google_compute_network", "batch").Text("auto_create_subnetworks").ShouldBe("false");
        Hcl.Text(env["Batch__Network"]).ShouldBe("${google_compute_network.batch.id}");
        Hcl.Text(env["Batch__Subnetwork"]).ShouldBe("${google_compute_subnetwork.batch.id}");
    }

    [Fact]
    public void Outputs_NameTheServiceTopicAccountsImagesAndDashboards()
    {
        Tf.Outputs.Keys.ShouldBeSubsetOf(Tf.Outputs.Keys);
        foreach (var output in new[] { "service_url", "batch_events_topic", "service_accounts", "orchestrator_image", "stage_image", "dashboards" })
        {
            Tf.Outputs.ShouldContainKey(output);
            Hcl.Text(Tf.Outputs[output]["description"]).ShouldNotBeNullOrWhiteSpace();
        }
        Hcl.Text(Tf.Outputs["service_url"]["value"]).ShouldBe(Expected.ServiceUri);
    }

    [Fact]
    public void GitHubToken_ReachesTheStagesAsASecretName_NeverAsAValue()
    {
        Hcl.Text(Tf.Locals["stage_env"])!.ShouldContain("Batch__Environment__GITHUB_PAT_SECRET = local.github_token_secret");
        Tf.OfType("google_secret_manager_secret_version").ShouldBeEmpty("the token's value is added with gcloud, never kept in Terraform state");
    }
}
