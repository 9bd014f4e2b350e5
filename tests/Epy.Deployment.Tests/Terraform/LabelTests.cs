namespace Epy.Deployment.Tests.Terraform;

/// <summary>Billing reports: every resource that takes labels carries component, environment and managed-by.</summary>
public sealed class LabelTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    // The attribute each resource type takes labels in, or null for types without labels (Google provider 6).
    // A type missing here fails the test: classify it.
    private static readonly Dictionary<string, string?> LabelAttribute = new(StringComparer.Ordinal)
    {
        ["google_storage_bucket"] = "labels",
        ["google_artifact_registry_repository"] = "labels",
        ["google_pubsub_topic"] = "labels",
        ["google_pubsub_subscription"] = "labels",
        ["google_cloud_run_v2_service"] = "labels",
        ["google_secret_manager_secret"] = "labels",
        ["google_monitoring_alert_policy"] = "user_labels",
        ["google_monitoring_dashboard"] = "dashboard_json",
        ["google_project_service"] = null,
        ["google_service_account"] = null,
        ["google_project_iam_member"] = null,
        ["google_service_account_iam_member"] = null,
        ["google_storage_bucket_iam_member"] = null,
        ["google_pubsub_topic_iam_member"] = null,
        ["google_pubsub_subscription_iam_member"] = null,
        ["google_secret_manager_secret_iam_member"] = null,
        ["google_artifact_registry_repository_iam_member"] = null,
        ["google_cloud_run_v2_service_iam_member"] = null,
        ["google_firestore_database"] = null,
        ["google_firestore_index"] = null,
        ["google_firestore_field"] = null,
        ["google_cloud_scheduler_job"] = null,
        ["google_compute_network"] = null,
        ["google_compute_subnetwork"] = null,
        ["google_compute_router"] = null,
        ["google_compute_router_nat"] = null,
        ["google_logging_metric"] = null,
    };

    [Fact]
    public void TheLabels_NameComponentEnvironmentAndManagedBy()
    {
        Tf.LocalObject("required_labels").Select(pair => pair.Key).ShouldBe(["component", "environment", "managed-by"], ignoreOrder: true);
        Hcl.Text(Tf.Locals["labels"]).ShouldBe("${merge(var.labels, local.required_labels)}");
    }

    [Fact]
    public void EveryResourceThatTakesLabels_HasThem()
    {
        foreach (var resource in Tf.Resources)
        {
            LabelAttribute.ShouldContainKey(resource.Type, $"{resource.Address}: say whether {resource.Type} takes labels in LabelTests");
            if (LabelAttribute[resource.Type] is not { } attribute)
                continue;
            var labels = resource.Text(attribute);
            labels.ShouldNotBeNull($"{resource.Address} has no {attribute}");
            labels.ShouldContain("local.labels", customMessage: $"{resource.Address}: {attribute} must start from local.labels");
        }
    }

    [Fact]
    public void TheServicesRevisions_AreLabelledToo()
    {
        var template = Tf.Resource("google_cloud_run_v2_service", "orchestrator").Block("template");

        Hcl.Text(template["labels"])!.ShouldContain("local.labels");
    }

    [Fact]
    public void TheProvider_LabelsWhatEachResourceLeavesOut()
    {
        var provider = Hcl.Block(Tf.Files["versions.tf"]["provider"]!.AsObject(), "google");

        Hcl.Text(provider["default_labels"]).ShouldBe("${local.labels}");
    }
}
