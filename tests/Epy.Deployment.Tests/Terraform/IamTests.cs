namespace Epy.Deployment.Tests.Terraform;

/// <summary>Least privilege: exactly the grants each identity needs, each on the narrowest resource.</summary>
public sealed class IamTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    // Which attribute names the resource a grant is on, by grant type.
    private static readonly Dictionary<string, string> Targets = new(StringComparer.Ordinal)
    {
        ["google_storage_bucket_iam_member"] = "bucket",
        ["google_service_account_iam_member"] = "service_account_id",
        ["google_pubsub_topic_iam_member"] = "topic",
        ["google_pubsub_subscription_iam_member"] = "subscription",
        ["google_secret_manager_secret_iam_member"] = "secret_id",
        ["google_artifact_registry_repository_iam_member"] = "repository",
        ["google_cloud_run_v2_service_iam_member"] = "name",
    };

    /// <summary>The roles the deployment may grant at all (issue 8's list, plus trace writing for the orchestrator's spans).</summary>
    private static readonly HashSet<string> AllowedRoles = new(StringComparer.Ordinal)
    {
        "roles/batch.jobsEditor", "roles/iam.serviceAccountUser", "roles/datastore.user", "roles/storage.objectUser",
        "roles/pubsub.publisher", "roles/pubsub.subscriber", "roles/secretmanager.secretAccessor", "roles/logging.logWriter",
        "roles/batch.agentReporter", "roles/artifactregistry.reader", "roles/run.invoker", "roles/cloudtrace.agent",
        // Only for the optional Cloud Build deployer.
        "roles/artifactregistry.writer", "roles/run.developer",
    };

    private static readonly (string Who, string Role, string On)[] ExpectedGrants =
    [
        ("orchestrator", "roles/batch.jobsEditor", "project"),
        ("orchestrator", "roles/datastore.user", "project"),
        ("orchestrator", "roles/logging.logWriter", "project"),
        ("orchestrator", "roles/cloudtrace.agent", "project"),
        ("orchestrator", "roles/storage.objectUser", "${local.bucket_name}"),
        ("orchestrator", "roles/iam.serviceAccountUser", "${google_service_account.batch_runtime.name}"),
        ("batch_runtime", "roles/batch.agentReporter", "project"),
        ("batch_runtime", "roles/logging.logWriter", "project"),
        ("batch_runtime", "roles/artifactregistry.reader", "${google_artifact_registry_repository.images.name}"),
        ("batch_runtime", "roles/storage.objectUser", "${local.bucket_name}"),
        ("batch_runtime", "roles/pubsub.publisher", "${google_pubsub_topic.batch_events.name}"),
        ("batch_runtime", "roles/secretmanager.secretAccessor", "${local.github_token_secret}"),
        ("push_invoker", "roles/run.invoker", "${google_cloud_run_v2_service.orchestrator.name}"),
        ("scheduler_invoker", "roles/run.invoker", "${google_cloud_run_v2_service.orchestrator.name}"),
        ("pubsub service agent", "roles/pubsub.publisher", "${google_pubsub_topic.batch_events_dead_letter.name}"),
        ("pubsub service agent", "roles/pubsub.subscriber", "${google_pubsub_subscription.batch_events_push.name}"),
        ("deployer", "roles/artifactregistry.writer", "${google_artifact_registry_repository.images.name}"),
        ("deployer", "roles/run.developer", "${google_cloud_run_v2_service.orchestrator.name}"),
        ("deployer", "roles/iam.serviceAccountUser", "${google_service_account.orchestrator.name}"),
    ];

    /// <summary>Every grant the Terraform makes: who (a service account's resource name, or a label), which role, on what.</summary>
    private static List<(string Who, string Role, string On)> Grants()
    {
        var grants = new List<(string, string, string)>();
        foreach (var grant in Tf.Resources.Where(r => r.Type.Contains("_iam_", StringComparison.Ordinal)))
        {
            if (grant.Type == "google_project_iam_member")
            {
                grant.Text("for_each").ShouldBe("${local.project_roles}");
                foreach (var (_, entry) in Tf.LocalObject("project_roles"))
                    grants.Add((Who(Hcl.Text(entry!["member"])!), Hcl.Text(entry["role"])!, "project"));
                continue;
            }
            Targets.ShouldContainKey(grant.Type, $"{grant.Address}: a grant of an unexpected kind");
            grants.Add((Who(grant.Text("member")!), grant.Text("role")!, grant.Text(Targets[grant.Type])!));
        }
        return grants;
    }

    private static string Who(string member) => member switch
    {
        "${local.pubsub_service_agent}" => "pubsub service agent",
        "serviceAccount:${var.deployer_service_account}" => "deployer",
        _ when member.StartsWith("${google_service_account.", StringComparison.Ordinal) && member.EndsWith(".member}", StringComparison.Ordinal) =>
            member["${google_service_account.".Length..^".member}".Length],
        _ => throw new ShouldAssertException($"a grant to an unexpected member: {member}"),
    };

    [Fact]
    public void Grants_AreExactlyTheOnesEachIdentityNeeds()
    {
        Grants().ShouldBe(ExpectedGrants, ignoreOrder: true);
    }

    [Fact]
    public void NoGrant_UsesARoleBeyondTheListedOnes()
    {
        Grants().Select(grant => grant.Role).Where(role => !AllowedRoles.Contains(role)).ShouldBeEmpty();
        Tf.Files.Values.SelectMany(Hcl.Strings).Where(text => text is "roles/owner" or "roles/editor" or "roles/viewer").ShouldBeEmpty("no basic roles");
    }

    [Fact]
    public void Grants_AreAdditive_NeverAuthoritative()
    {
        Tf.Resources.Where(r => r.Type.EndsWith("_iam_binding", StringComparison.Ordinal) || r.Type.EndsWith("_iam_policy", StringComparison.Ordinal))
            .ShouldBeEmpty("an _iam_binding or _iam_policy would remove grants made outside this Terraform");
    }

    [Fact]
    public void ServiceAccounts_AreTheFourRoles()
    {
        Tf.OfType("google_service_account").Select(account => account.Address).ShouldBe(
            [Expected.Accounts.Orchestrator, Expected.Accounts.BatchRuntime, Expected.Accounts.PushInvoker, Expected.Accounts.SchedulerInvoker],
            ignoreOrder: true);
    }

    [Fact]
    public void BatchJobs_RunAsTheBatchRuntimeAccount()
    {
        Hcl.Text(Tf.LocalObject("orchestrator_env")["Batch__ServiceAccountEmail"]).ShouldBe($"${{{Expected.Accounts.BatchRuntime}.email}}");
    }
}
